package io.shopup.coupons.couponcache.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Stops the cache's listener with the web application (Payara Micro skips an EJB's PreDestroy on SIGTERM). */
@WebListener
public class CouponCacheShutdown implements ServletContextListener {

    @Inject
    CouponCacheListener listener;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        listener.stop();
    }
}

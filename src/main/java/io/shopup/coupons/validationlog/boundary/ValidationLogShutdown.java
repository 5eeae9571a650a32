package io.shopup.coupons.validationlog.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Drains the validation log when the web application stops: on SIGTERM Payara Micro stops the
 * web module but does not call the PreDestroy of an EJB.
 */
@WebListener
public class ValidationLogShutdown implements ServletContextListener {

    @Inject
    ValidationLog log;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        log.stop();
    }
}

package io.shopup.coupons.observability.boundary;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every answer of the service by its status class ({@code 2xx} ... {@code 5xx}), whoever wrote it
 * (a resource, a mapper, a servlet filter's {@code 408}): what the 5xx alert divides. A request
 * answered later (a hold, on the redemption threads) is counted when it completes.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = DispatcherType.REQUEST)
public class ResponseMeters implements Filter {

    private final Counter[] byClass = new Counter[6];

    @Inject
    void register(MeterRegistry registry) {
        for (int i = 1; i < byClass.length; i++) {
            byClass[i] = Counter.builder("coupons.http.responses").description("Answers by status class")
                    .tag("status", i + "xx").register(registry);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new WhenComplete());
            } else {
                count(http.getStatus());
            }
        }
    }

    /**
     * Counts the answer when the request completes. A request can go async more than once (its
     * body collected, then a hold suspended on the redemption threads); a new cycle keeps only
     * the listeners that add themselves again, so this one does.
     */
    private final class WhenComplete implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            count(((HttpServletResponse) event.getSuppliedResponse()).getStatus());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }
    }

    private void count(int status) {
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass < byClass.length) {
            byClass[statusClass].increment();
        }
    }
}

package io.shopup.coupons.platform.http;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * No HTTP worker thread waits for a request body. A body that has arrived with its headers (nearly
 * every checkout's) is read at once; any other is collected without blocking
 * ({@link BodyCollector}, Servlet non-blocking input) and the request is dispatched to the
 * application once it is complete. A body not complete within {@code http.body-deadline-ms} is
 * answered {@code 408}. Blocking reads would let a dozen clients trickling a byte every two
 * seconds hold every worker thread, since the server's read timeout restarts with each byte.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class RequestBodyDeadline implements Filter {

    /** The largest request body the application accepts. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Read at most one byte more: enough for the application to tell a body too large. */
    static final int MAX_BYTES = MAX_BODY_BYTES + 1;
    static final String BODY = RequestBodyDeadline.class.getName() + ".body";
    static final String COLLECTOR = RequestBodyDeadline.class.getName() + ".collector";
    private static final byte[] NO_BODY = new byte[0];
    private static final long BACKSTOP_MS = 2_000;
    private static final Logger LOG = Logger.getLogger(RequestBodyDeadline.class.getName());

    @Resource
    ManagedScheduledExecutorService timer;

    @Inject
    Instance<RequestContextController> requestContexts;

    @Inject
    @ConfigProperty(name = "http.body-deadline-ms", defaultValue = "2000")
    long deadlineMs;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            byte[] body = (byte[]) request.getAttribute(BODY);
            if (request.getAttribute(COLLECTOR) instanceof BodyCollector collector) {
                collector.arrived();
            }
            // Payara runs an async dispatch on a thread of its own without CDI's request context:
            // a request-scoped resource would fail there.
            // A controller keeps whether it activated the context: one per dispatch.
            RequestContextController context = requestContexts.get();
            boolean activated = context.activate();
            try {
                chain.doFilter(body == null ? request : new BufferedBodyRequest(http, body), response);
            } finally {
                if (activated) {
                    context.deactivate();
                }
                requestContexts.destroy(context);
            }
            return;
        }
        long length = http.getContentLengthLong();
        if (length == 0 || (length < 0 && http.getHeader("Transfer-Encoding") == null)) {
            // No body, and nobody may read the connection for one: with an Upgrade header the
            // server would let a read wait for the upgraded protocol's bytes, forever.
            chain.doFilter(new BufferedBodyRequest(http, NO_BODY), response);
            return;
        }
        ServletInputStream in = request.getInputStream();
        if (length > 0 && length <= MAX_BYTES && in.available() >= length) {
            // Already here: reading it cannot block.
            chain.doFilter(new BufferedBodyRequest(http, in.readNBytes((int) length)), response);
            return;
        }
        AsyncContext async = request.startAsync();
        // No timeout of the server's: Payara was seen to end a request at its async timeout after
        // our own deadline had ended it and the server had recycled it for another connection,
        // closing a stranger's response. Timers of our own keep the deadline and the backstop.
        async.setTimeout(0);
        BodyCollector collector = new BodyCollector(async, in, length, MAX_BYTES, deadlineMs, timer);
        async.addListener(collector);
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            try {
                collector.expire();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "answering 408 failed: the client is gone", e);
            }
        }, deadlineMs, TimeUnit.MILLISECONDS);
        collector.backstop(timer.schedule(collector::redispatchIfLost, deadlineMs + BACKSTOP_MS, TimeUnit.MILLISECONDS));
        collector.onEnd(() -> deadline.cancel(false));
        try {
            in.setReadListener(collector);
        } finally {
            collector.filterReturned();
        }
    }
}

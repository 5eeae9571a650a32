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
import io.shopup.coupons.problems.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
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
    /**
     * Uploads: bodies not bounded by {@link #MAX_BODY_BYTES} (a user import of a million lines),
     * collected the same way into a temporary file, within {@code http.upload-deadline-ms} and
     * {@code http.upload-max-bytes}, and then given to the application as a local stream.
     */
    static final Set<String> STREAMED_PATHS = Set.of("/api/admin/users/import");
    static final String STREAMED = RequestBodyDeadline.class.getName() + ".streamed";
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
    Instance<UploadGate> uploadGate;

    @Inject
    @ConfigProperty(name = "http.body-deadline-ms", defaultValue = "2000")
    long deadlineMs;

    @Inject
    @ConfigProperty(name = "http.upload-deadline-ms", defaultValue = "600000")
    long uploadDeadlineMs;

    @Inject
    @ConfigProperty(name = "http.upload-max-bytes", defaultValue = "1073741824")
    long uploadMaxBytes;

    /** An upload, from its local file, which is deleted once the application is done with it. */
    private void passUpload(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Path upload)
            throws IOException, ServletException {
        try (InputStream body = Files.newInputStream(upload)) {
            if (Files.size(upload) > uploadMaxBytes) {
                byte[] problem = ProblemResponses.json(413, "body-too-large", "Request body too large",
                        "An upload must not exceed " + uploadMaxBytes + " bytes.", List.of()).getBytes(StandardCharsets.UTF_8);
                response.setStatus(413);
                response.setContentType(ProblemResponses.MEDIA_TYPE);
                response.setContentLength(problem.length);
                response.getOutputStream().write(problem);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /**
     * True when the request's body streams (one of {@link #STREAMED_PATHS}); any other was read
     * here, at most {@link #MAX_BODY_BYTES} and one more of it.
     */
    public static boolean isStreamed(ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(STREAMED));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Object body = request.getAttribute(BODY);
            if (request.getAttribute(COLLECTOR) instanceof BodyCollector collector) {
                collector.arrived();
            }
            // Payara runs an async dispatch on a thread of its own without CDI's request context:
            // a request-scoped resource would fail there.
            // A controller keeps whether it activated the context: one per dispatch.
            RequestContextController context = requestContexts.get();
            boolean activated = context.activate();
            try {
                if (body instanceof Path upload) {
                    passUpload(http, (HttpServletResponse) response, chain, upload);
                } else {
                    chain.doFilter(body == null ? request : new BufferedBodyRequest(http, (byte[]) body), response);
                }
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
        if (STREAMED_PATHS.contains(http.getServletPath() + (http.getPathInfo() == null ? "" : http.getPathInfo()))) {
            if (!uploadGate.isResolvable() || !uploadGate.get().admits(http)) {
                // Refused without reading the body; the access rules answer it, and the connection ends.
                ((HttpServletResponse) response).setHeader("Connection", "close");
                chain.doFilter(new BufferedBodyRequest(http, NO_BODY), response);
                return;
            }
            request.setAttribute(STREAMED, Boolean.TRUE);
            collect(http, in, length, BodySink.file(), uploadMaxBytes + 1, uploadDeadlineMs);
            return;
        }
        if (length > 0 && length <= MAX_BYTES && in.available() >= length) {
            // Already here: reading it cannot block.
            chain.doFilter(new BufferedBodyRequest(http, in.readNBytes((int) length)), response);
            return;
        }
        collect(http, in, length, BodySink.memory(), MAX_BYTES, deadlineMs);
    }

    /** Collects the body without blocking, then dispatches the request with it (see {@link BodyCollector}). */
    private void collect(HttpServletRequest request, ServletInputStream in, long length, BodySink sink, long maxBytes,
                         long deadlineMs) throws IOException {
        AsyncContext async = request.startAsync();
        // No timeout of the server's: Payara was seen to end a request at its async timeout after
        // our own deadline had ended it and the server had recycled it for another connection,
        // closing a stranger's response. Timers of our own keep the deadline and the backstop.
        async.setTimeout(0);
        BodyCollector collector = new BodyCollector(async, in, length, sink, maxBytes, deadlineMs, timer);
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

package io.shopup.coupons.platform.http;

import io.shopup.coupons.problems.ProblemResponses;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Collects a request body as it arrives, on the server's callbacks, holding no thread between
 * them; then dispatches the request with the body, or answers {@code 408} at the deadline.
 * Stops reading at {@code maxBytes}: the application refuses a body that large itself.
 */
final class BodyCollector implements ReadListener, AsyncListener {

    /** How long after the filter returned a dispatch from another thread waits. */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** When the timer looks for a body whose last bytes' notification was lost ({@link #nudge}), one after another. */
    static final long[] NUDGE_AFTER_MS = {50, 200, 800};

    private final AsyncContext async;
    private final ServletInputStream in;
    private final long length;
    private final long maxBytes;
    private final long deadlineMs;
    private final BodySink body;
    private final byte[] chunk = new byte[4096];
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Runnable onEnd = () -> { };
    private final ScheduledExecutorService timer;
    private final Thread filterThread = Thread.currentThread();
    /** When the filter that started this returned (System.nanoTime(), never 0), or 0 while it runs. */
    private volatile long filterReturnedAt;
    private volatile boolean dispatched;
    private volatile boolean arrived;
    private volatile ScheduledFuture<?> backstop;
    // Used under this object's lock.
    private int nudges;
    private boolean nudgePending;

    /**
     * @param length the body's Content-Length, or -1 when it is sent in chunks
     * @param timer  runs dispatches that must wait until the server has left the filter
     */
    BodyCollector(AsyncContext async, ServletInputStream in, long length, BodySink body, long maxBytes, long deadlineMs,
                  ScheduledExecutorService timer) {
        this.body = body;
        this.timer = timer;
        this.async = async;
        this.in = in;
        this.length = length;
        this.maxBytes = maxBytes;
        this.deadlineMs = deadlineMs;
    }

    /*
     * The server's callbacks (on its worker threads) and the deadline (on the timer's) are
     * serialised, and none touches the request once it has ended: a request ended by the deadline
     * is recycled by the server for the next one, and a read or a write through the old request
     * then corrupted a stranger's (seen as "Response already closed" on a new request, or a 500).
     */
    @Override
    public synchronized void onDataAvailable() throws IOException {
        if (ended.get()) {
            return;
        }
        boolean end = false;
        while (!end && !complete() && !in.isFinished() && in.isReady()) {
            end = readSome();
        }
        goOnIfComplete(end);
    }

    /*
     * isReady() is never called once the body is known to be all here: when the server has the
     * rest already, the callback it registers is queued to one of its own threads, which can run
     * it after this request has been answered and its objects recycled for another connection's
     * (seen as a stranger's request starting with an ended async context, a 500, or no answer).
     */
    private boolean complete() {
        return body.size() >= maxBytes || body.size() == length;
    }

    /*
     * Grizzly (Payara's HTTP layer) says "finished" once the last bytes have arrived in its
     * buffer, not once the application has read them: it calls onAllDataRead, and isFinished
     * turns true, with the body still unread when the last bytes arrived between two reads (a
     * body sent in a packet of its own after the headers).
     * Dispatched without them, the request had an empty body (400).
     */
    @Override
    public synchronized void onAllDataRead() throws IOException {
        if (!ended.get()) {
            goOnIfComplete(false);
        }
    }

    /**
     * A check on the timer while the body is incomplete. Grizzly can lose the notification of the
     * body's last bytes: when they arrive while it registers our callback, it stores them, sees no
     * callback yet, then registers one that nothing will call (and {@code isReady()} stays false).
     * Once it says finished the bytes are all there: they are read here and the request goes on,
     * instead of waiting for the deadline's 408.
     */
    synchronized void nudge() throws IOException {
        nudgePending = false;
        if (!ended.get()) {
            goOnIfComplete(false);
        }
    }

    /**
     * Reads what has arrived once the server says the body is finished, and dispatches the request
     * when the body is complete (or too large); otherwise the server's next callback, or a nudge,
     * comes back here.
     */
    private void goOnIfComplete(boolean end) throws IOException {
        if (!end && in.isFinished()) {
            end = readArrived();
        }
        if (body.size() >= maxBytes) {
            if (!end && (!in.isFinished() || in.available() > 0)) {
                // The application refuses it as too large; the rest is not worth reading, nor the
                // connection worth keeping (its next request would start inside this body).
                ((HttpServletResponse) async.getResponse()).setHeader("Connection", "close");
            }
            dispatch();
        } else if (end || body.size() == length || in.isFinished()) {
            // The server does not always call onAllDataRead once a callback has read the last byte.
            dispatch();
        } else {
            nudgeLater();
        }
    }

    private void nudgeLater() {
        if (nudgePending || nudges >= NUDGE_AFTER_MS.length || NUDGE_AFTER_MS[nudges] >= deadlineMs) {
            return;
        }
        nudgePending = true;
        timer.schedule(() -> {
            try {
                nudge();
            } catch (IOException | RuntimeException e) {
                onError(e);
            }
        }, NUDGE_AFTER_MS[nudges++], TimeUnit.MILLISECONDS);
    }

    /** One read of what the stream says is there; true at the stream's end. */
    private boolean readSome() throws IOException {
        int n = in.read(chunk, 0, (int) Math.min(chunk.length, maxBytes - body.size()));
        if (n > 0) {
            body.write(chunk, 0, n);
        }
        return n < 0;
    }

    /**
     * Reads what the server holds, by its {@code available()}, which unlike {@code isReady()}
     * registers no callback: once it has said finished that is the rest of the body, and reading
     * it cannot block. True when the stream's end was read.
     */
    private boolean readArrived() throws IOException {
        boolean end = false;
        while (!end && body.size() < maxBytes && in.available() > 0) {
            end = readSome();
        }
        return end;
    }

    /** Runs once the body is complete or the client is gone (not at the deadline: it is the deadline's). */
    void onEnd(Runnable action) {
        onEnd = action;
    }

    /** The filter that started the collection has returned to the server. */
    void filterReturned() {
        filterReturnedAt = System.nanoTime() | 1;
    }

    /** The dispatch with the body reached the application: the backstop has nothing left to do. */
    void arrived() {
        arrived = true;
        ScheduledFuture<?> pending = backstop;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** The timer that redispatches a lost dispatch ({@link #redispatchIfLost}). */
    void backstop(ScheduledFuture<?> task) {
        backstop = task;
        if (arrived) {
            task.cancel(false);
        }
    }

    /**
     * The backstop, some time after the deadline: a dispatch that never reached the application
     * was lost by the server (see {@link #dispatch}); it is made again, or, when the server refuses,
     * the request is ended. A request that was answered is never touched.
     */
    synchronized void redispatchIfLost() {
        if (!dispatched || arrived) {
            return;
        }
        try {
            async.dispatch();
        } catch (IllegalStateException refused) {
            async.complete();
        }
    }

    /*
     * Payara loses a dispatch made on another thread while the thread that started the async
     * request is still leaving the servlet (the request then hangs until its async timeout and
     * the server answers an HTML 500): on that thread before it returns, or well after it
     * returned, a dispatch is safe; in between it waits a few milliseconds on the timer.
     */
    private void dispatch() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
            try {
                async.getRequest().setAttribute(RequestBodyDeadline.BODY, body.finish());
            } catch (IOException e) {
                // The upload's file could not be written (a full disk): the request cannot go on.
                body.discard();
                answer(503, "upload-failed", "Upload failed", "The request body could not be kept; retry later.");
                return;
            }
            async.getRequest().setAttribute(RequestBodyDeadline.COLLECTOR, this);
            long returnedAt = filterReturnedAt;
            long waitNanos;
            if (returnedAt == 0) {
                waitNanos = Thread.currentThread() == filterThread ? 0 : SETTLE_NANOS;
            } else {
                waitNanos = SETTLE_NANOS - (System.nanoTime() - returnedAt);
            }
            if (waitNanos <= 0) {
                dispatchNow();
            } else {
                timer.schedule(this::dispatchNow, waitNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void dispatchNow() {
        dispatched = true;
        async.dispatch();
    }

    /** The server sets no timeout for these requests (see {@link RequestBodyDeadline}). */
    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        expire();
    }

    /**
     * Answers {@code 408} unless the body is already complete. Called at the deadline by
     * {@link RequestBodyDeadline}'s timer.
     */
    synchronized void expire() throws IOException {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        body.discard();
        answer(408, "request-timeout", "Request timeout", "The request body did not arrive within " + deadlineMs + " ms.");
    }

    /** Answers with a problem document and ends the request (never reaching the application). */
    private void answer(int status, String type, String title, String detail) {
        try {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            if (!response.isCommitted()) {
                response.setStatus(status);
                response.setContentType(ProblemResponses.MEDIA_TYPE);
                // The rest of the body may still trickle in: the connection is not worth keeping.
                response.setHeader("Connection", "close");
                byte[] problem = ProblemResponses.json(status, type, title, detail, List.of())
                        .getBytes(StandardCharsets.UTF_8);
                response.setContentLength(problem.length);
                response.getOutputStream().write(problem);
            }
        } catch (IOException e) {
            // The client is gone: nobody reads the answer.
        } finally {
            // Whatever the write did, the request ends here: left open, the container's own
            // timeout would end it later with its HTML error page.
            async.complete();
        }
    }

    @Override
    public synchronized void onError(Throwable failure) {
        // The client went away, or its body broke off: nobody is left to answer.
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
            body.discard();
            async.complete();
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}

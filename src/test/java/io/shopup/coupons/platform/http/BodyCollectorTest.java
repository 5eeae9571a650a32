package io.shopup.coupons.platform.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Eventually;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The collector against an input stream that behaves as Grizzly's does where it raced: "finished"
 * means the last bytes have arrived in the server's buffer, not that they were read, and the
 * notification of the last bytes can be lost.
 */
class BodyCollectorTest {

    private static final byte[] BODY = "{\"code\":\"SAVE10\",\"userId\":\"u-1\",\"orderValue\":100}"
            .getBytes(StandardCharsets.UTF_8);

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final FakeAsync async = new FakeAsync();
    private final ServerBuffer in = new ServerBuffer();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private BodyCollector collector(long length, long maxBytes) {
        BodyCollector collector = new BodyCollector(async.context(), in, length, BodySink.memory(), maxBytes, 2_000,
                timer);
        collector.filterReturned();
        return collector;
    }

    @Test
    void allDataReadWithTheBodyStillInTheServersBufferGoesOnWithTheWholeBody() throws Exception {
        BodyCollector collector = collector(BODY.length, 1_000);
        in.arrive(BODY, true);

        collector.onAllDataRead();

        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> async.dispatches.get() == 1));
        assertArrayEquals(BODY, (byte[]) async.attributes.get(RequestBodyDeadline.BODY));
    }

    @Test
    void lastBytesWhoseNotificationWasLostAreReadBeforeTheDeadline() throws Exception {
        BodyCollector collector = collector(BODY.length, 1_000);
        int half = BODY.length / 2;
        in.arrive(Arrays.copyOfRange(BODY, 0, half), false);
        collector.onDataAvailable();
        // The rest arrives while the server registers the callback: stored, never announced.
        in.readyForever(false);
        in.arrive(Arrays.copyOfRange(BODY, half, BODY.length), true);

        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> async.dispatches.get() == 1),
                "dispatched without a callback, long before the 2 s deadline");
        assertArrayEquals(BODY, (byte[]) async.attributes.get(RequestBodyDeadline.BODY));
        assertNull(async.status, "no 408");
    }

    @Test
    void aNudgeBeforeTheLastBytesLeavesTheRequestWaiting() throws Exception {
        BodyCollector collector = collector(BODY.length, 1_000);
        in.arrive(Arrays.copyOfRange(BODY, 0, 10), false);
        collector.onDataAvailable();

        collector.nudge();

        assertEquals(0, async.dispatches.get());
        in.arrive(Arrays.copyOfRange(BODY, 10, BODY.length), true);
        collector.onDataAvailable();
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> async.dispatches.get() == 1));
        assertArrayEquals(BODY, (byte[]) async.attributes.get(RequestBodyDeadline.BODY));
    }

    @Test
    void aBodyThatGoesOnPastTheLimitEndsTheConnection() throws Exception {
        BodyCollector collector = collector(-1, 8);
        in.arrive(BODY, false);

        collector.onDataAvailable();

        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> async.dispatches.get() == 1));
        assertEquals(8, ((byte[]) async.attributes.get(RequestBodyDeadline.BODY)).length);
        assertEquals("close", async.headers.get("Connection"));
    }

    @Test
    void aChunkedBodyGoesOnOnceTheServerHasItAll() throws Exception {
        BodyCollector collector = collector(-1, 1_000);
        in.arrive(BODY, true);

        collector.onDataAvailable();

        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> async.dispatches.get() == 1));
        assertArrayEquals(BODY, (byte[]) async.attributes.get(RequestBodyDeadline.BODY));
        assertNull(async.headers.get("Connection"));
    }

    @Test
    void aBodyAllHereIsTakenWithoutAskingTheServerForMore() throws Exception {
        BodyCollector collector = collector(BODY.length, 1_000);
        in.arrive(BODY, true);

        collector.onDataAvailable();

        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> async.dispatches.get() == 1));
        assertArrayEquals(BODY, (byte[]) async.attributes.get(RequestBodyDeadline.BODY));
        assertEquals(0, in.callbacksQueuedAfterTheEnd.get(),
                "isReady() with the whole body in: the server would queue a callback to run after the answer");
    }

    @Test
    void aChunkedBodyAllHereIsTakenWithoutAskingTheServerForMore() throws Exception {
        BodyCollector collector = collector(-1, 1_000);
        in.arrive(Arrays.copyOfRange(BODY, 0, 10), false);
        collector.onDataAvailable();
        in.arrive(Arrays.copyOfRange(BODY, 10, BODY.length), true);

        collector.onDataAvailable();

        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> async.dispatches.get() == 1));
        assertArrayEquals(BODY, (byte[]) async.attributes.get(RequestBodyDeadline.BODY));
        assertEquals(0, in.callbacksQueuedAfterTheEnd.get());
    }

    /** Grizzly's input as the servlet layer shows it: {@code isReady()} false once it registered a callback. */
    private static final class ServerBuffer extends ServletInputStream {
        private byte[] held = new byte[0];
        private int position;
        private volatile boolean finished;
        private volatile Boolean readyAnswer;
        /**
         * Calls of {@code isReady()} with the whole body in: Payara then registers a callback
         * and, the input being finished, queues it to a thread of its own at once.
         */
        final AtomicInteger callbacksQueuedAfterTheEnd = new AtomicInteger();

        synchronized void arrive(byte[] bytes, boolean last) {
            byte[] joined = Arrays.copyOf(held, held.length + bytes.length);
            System.arraycopy(bytes, 0, joined, held.length, bytes.length);
            held = joined;
            finished = last;
        }

        void readyForever(boolean answer) {
            readyAnswer = answer;
        }

        @Override
        public synchronized int available() {
            return held.length - position;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public synchronized boolean isReady() {
            if (finished && available() == 0) {
                callbacksQueuedAfterTheEnd.incrementAndGet();
            }
            return readyAnswer != null ? readyAnswer : available() > 0;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }

        @Override
        public synchronized int read(byte[] into, int offset, int length) {
            int n = Math.min(length, available());
            if (n == 0) {
                return finished ? -1 : 0;
            }
            System.arraycopy(held, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public synchronized int read() {
            return available() > 0 ? held[position++] & 0xff : finished ? -1 : 0;
        }
    }

    /** An async context that records what the collector does to its request and response. */
    private static final class FakeAsync {
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, String> headers = new HashMap<>();
        final AtomicInteger dispatches = new AtomicInteger();
        volatile Integer status;

        AsyncContext context() {
            HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) -> switch (method) {
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "getAttribute" -> attributes.get((String) args[0]);
                default -> null;
            });
            HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> switch (method) {
                case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                case "setStatus" -> status = (Integer) args[0];
                case "isCommitted" -> false;
                default -> null;
            });
            return proxy(AsyncContext.class, (method, args) -> switch (method) {
                case "getRequest" -> request;
                case "getResponse" -> response;
                case "dispatch" -> dispatches.incrementAndGet();
                default -> null;
            });
        }

        private interface Call {
            Object answer(String method, Object[] args);
        }

        private static <T> T proxy(Class<T> type, Call call) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (self, method, args) -> {
                        Object answer = call.answer(method.getName(), args);
                        return method.getReturnType() == void.class ? null : answer;
                    }));
        }
    }
}

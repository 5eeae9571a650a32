package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.problems.DatabaseFaults;
import io.shopup.coupons.redemption.control.RedemptionMeters;
import io.shopup.coupons.couponcache.boundary.CacheAnnouncer;
import io.shopup.coupons.problems.ProblemResponses;
import io.shopup.coupons.redemption.entity.Outcome;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that run redemption transactions, apart from the HTTP worker threads: a hold waits
 * for its coupon's lock, and against a slow database for its timeouts, while validation (which
 * never waits) keeps the HTTP threads. A bounded queue takes bursts; beyond it a request is
 * refused at once with {@code 503}.
 */
@ApplicationScoped
public class RedemptionWorkers {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    CacheAnnouncer announcer;

    @Inject
    RedemptionMeters meters;

    /** 0: as many as the pool allows beside the others' connections, at most {@link #MAX_DEFAULT_THREADS}. */
    @Inject
    @ConfigProperty(name = "redemption.threads", defaultValue = "0")
    int threadsSetting;

    @Inject
    @ConfigProperty(name = "db.max-connections", defaultValue = "20")
    int poolSize;

    @Inject
    @ConfigProperty(name = "redemption.queue", defaultValue = "2000")
    int queue;

    private ThreadPoolExecutor executor;

    /*
     * Each thread holds a connection while its transaction runs; the cache listener holds one all
     * the time, and the log writer, the cache announcer and the reports take theirs now and then.
     * More threads than connections would only wait for the pool, and past its wait get a 503.
     */
    static final int OTHER_CONNECTIONS = 4;
    static final int MAX_DEFAULT_THREADS = 16;

    static int threads(int setting, int poolSize) {
        return setting > 0 ? setting : Math.max(1, Math.min(MAX_DEFAULT_THREADS, poolSize - OTHER_CONNECTIONS));
    }

    @PostConstruct
    void start() {
        int size = threads(threadsSetting, poolSize);
        executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), threads);
        executor.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /**
     * Runs a redemption transaction on a redemption thread, announces its committed changes to the
     * coupon caches, and resumes the suspended request with its answer.
     *
     * @param base the application's base URI, read on the request's thread
     */
    void answer(AsyncResponse async, URI base, RedemptionMeters.Operation operation, Supplier<Outcome> transaction) {
        run(async, operation, () -> {
            Outcome outcome = transaction.get();
            announcer.announce(outcome.announcements());
            meters.answered(operation, outcome.answer().status(), outcome.answer().replayed());
            return AnswerResponses.of(outcome.answer(), base);
        });
    }

    private void run(AsyncResponse async, RedemptionMeters.Operation operation, Supplier<Response> work) {
        try {
            executor.execute(() -> {
                try {
                    async.resume(work.get());
                } catch (RuntimeException | Error e) {
                    // The exception mappers answer it, as for a synchronous request.
                    meters.answered(operation, DatabaseFaults.isUnavailable(e) ? 503 : 500, false);
                    async.resume(e);
                }
            });
        } catch (RejectedExecutionException e) {
            meters.answered(operation, 503, false);
            async.resume(ProblemResponses.problem(503, "redemptions-busy", "Redemptions busy",
                    "Too many holds and redemptions are waiting; retry in a second.", List.of())
                    .header("Retry-After", 1).build());
        }
    }
}

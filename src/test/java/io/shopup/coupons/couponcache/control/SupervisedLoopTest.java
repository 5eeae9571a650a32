package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.TestClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SupervisedLoopTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final CacheFreshness freshness = new CacheFreshness(clock);
    private final List<Long> pauses = new ArrayList<>();
    private final AtomicBoolean databaseAnswers = new AtomicBoolean(true);

    @Test
    void anErrorDoesNotEndTheLoopAndTheNextSessionRuns() {
        List<String> sessions = new ArrayList<>();
        SupervisedLoop[] loop = new SupervisedLoop[1];
        loop[0] = loop(() -> {
            sessions.add("session " + sessions.size());
            if (sessions.size() == 1) {
                throw new OutOfMemoryError("GC overhead limit exceeded");
            }
            if (sessions.size() == 2) {
                throw new StackOverflowError();
            }
            loop[0].stop();
        });
        loop[0].run();
        assertEquals(3, sessions.size(), "two Errors, then a session that ran");
        assertEquals(List.of(500L, 1000L), pauses, "the pause doubles while sessions fail");
    }

    @Test
    void thePauseIsCappedAndResetsOnceASessionIsHealthy() {
        int[] runs = {0};
        SupervisedLoop[] loop = new SupervisedLoop[1];
        loop[0] = loop(() -> {
            runs[0]++;
            if (runs[0] == 6) {
                loop[0].sessionHealthy();
            }
            if (runs[0] == 8) {
                loop[0].stop();
                return;
            }
            throw new SQLException("connection refused", "08001");
        });
        loop[0].run();
        assertEquals(List.of(500L, 1000L, 2000L, 2000L, 2000L, 500L, 1000L), pauses);
    }

    @Test
    void failuresWhileTheDatabaseAnswersMakeTheCacheStale() {
        freshness.inSync(clock.instant());
        SupervisedLoop[] loop = new SupervisedLoop[1];
        loop[0] = loop(() -> {
            clock.advance(Duration.ofSeconds(20));
            if (pauses.size() == 2) {
                loop[0].stop();
            }
            throw new IllegalStateException("cannot apply a change");
        });
        loop[0].run();
        assertTrue(freshness.staleLongerThan(Duration.ofSeconds(30)));
        assertEquals(60, freshness.staleSeconds());
    }

    @Test
    void failuresWhileTheDatabaseIsDownAreNotStaleness() {
        freshness.inSync(clock.instant());
        databaseAnswers.set(false);
        SupervisedLoop[] loop = new SupervisedLoop[1];
        loop[0] = loop(() -> {
            clock.advance(Duration.ofSeconds(20));
            if (pauses.size() == 3) {
                loop[0].stop();
            }
            throw new SQLException("connection refused", "08001");
        });
        loop[0].run();
        assertFalse(freshness.staleLongerThan(Duration.ofSeconds(30)), "an outage is not staleness");
        assertEquals(80, freshness.staleSeconds(), "but the cache's age is still reported");
    }

    @Test
    void aProbeThatThrowsCountsAsAnUnreachableDatabase() {
        freshness.inSync(clock.instant());
        SupervisedLoop[] loop = new SupervisedLoop[1];
        loop[0] = new SupervisedLoop(() -> {
            if (!pauses.isEmpty()) {
                loop[0].stop();
                return;
            }
            clock.advance(Duration.ofSeconds(40));
            throw new SQLException("broken");
        }, () -> {
            throw new OutOfMemoryError();
        }, freshness, 500, 2000, pauses::add);
        loop[0].run();
        assertFalse(freshness.staleLongerThan(Duration.ofSeconds(30)));
    }

    private SupervisedLoop loop(SupervisedLoop.Session session) {
        return new SupervisedLoop(session, databaseAnswers::get, freshness, 500, 2000, pauses::add);
    }
}

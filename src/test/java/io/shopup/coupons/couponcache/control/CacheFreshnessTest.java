package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CacheFreshnessTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final CacheFreshness freshness = new CacheFreshness(clock);

    @Test
    void aCacheKeptInSyncIsNeverStale() {
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofSeconds(1));
            freshness.inSync(clock.instant());
        }
        assertEquals(0, freshness.staleSeconds());
        assertFalse(freshness.staleLongerThan(BOUND));
    }

    @Test
    void aCacheNotLoadedYetIsLeftToReadinessHoweverLongTheLoadTakes() {
        clock.advance(BOUND.multipliedBy(10));
        assertFalse(freshness.staleLongerThan(BOUND));
        assertEquals(300, freshness.staleSeconds(), "its age is still reported");
    }

    @Test
    void aLoadedCacheGoesStaleOnceItFallsBehindForLongerThanTheBound() {
        freshness.inSync(clock.instant());
        clock.advance(BOUND);
        assertFalse(freshness.staleLongerThan(BOUND));
        clock.advance(Duration.ofMillis(1));
        assertTrue(freshness.staleLongerThan(BOUND));
    }

    @Test
    void staleTimeCountsFromTheLaterOfTheLastSyncAndTheLastOutage() {
        freshness.inSync(clock.instant());
        clock.advance(Duration.ofSeconds(50));
        freshness.unreachable();
        clock.advance(Duration.ofSeconds(29));
        assertFalse(freshness.staleLongerThan(BOUND), "29 s since the database was last seen down");
        assertEquals(79, freshness.staleSeconds());
        clock.advance(Duration.ofSeconds(2));
        assertTrue(freshness.staleLongerThan(BOUND));
    }
}

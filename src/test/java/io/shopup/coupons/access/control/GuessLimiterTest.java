package io.shopup.coupons.access.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopup.coupons.access.entity.Throttled;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter on its own buckets (the shared ones are tested against PostgreSQL in AccessIT and TwoInstancesIT). */
class GuessLimiterTest {

    @Test
    void theEleventhUnknownCodeIsRefusedAndBlocksTheSubjectUntilTheWindowPasses() {
        GuessLimiter limiter = new GuessLimiter(10, Duration.ofSeconds(60), null, Runnable::run, System::nanoTime);
        for (int i = 0; i < 10; i++) {
            limiter.unknownCode("user:a");
        }
        Throttled refused = assertThrows(Throttled.class, () -> limiter.unknownCode("user:a"));
        assertEquals(10, refused.limit());
        long retryAfter = refused.retryAfterSeconds();
        assertEquals(true, retryAfter >= 59 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertThrows(Throttled.class, () -> limiter.check("user:a"), "any request of the subject");
        assertDoesNotThrow(() -> limiter.check("user:b"));
        assertDoesNotThrow(() -> limiter.unknownCode("user:b"));
        assertEquals(1, limiter.blockedSubjects());
    }

    @Test
    void aBlockEndsWithItsWindow() throws Exception {
        GuessLimiter limiter = new GuessLimiter(1, Duration.ofMillis(200), null, Runnable::run, System::nanoTime);
        limiter.unknownCode("user:a");
        assertThrows(Throttled.class, () -> limiter.unknownCode("user:a"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean free = false;
        while (!free && System.nanoTime() < deadline) {
            try {
                limiter.unknownCode("user:a");
                free = true;
            } catch (Throttled stillBlocked) {
                Thread.onSpinWait();
            }
        }
        assertEquals(true, free, "the window passed and the subject may try again");
        limiter.tidy();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertEquals(1, new Throttled("t", "d", 1, 1).retryAfterSeconds());
        assertEquals(2, new Throttled("t", "d", 1, 1_000_000_001L).retryAfterSeconds());
        assertEquals(1, new Throttled("t", "d", 1, 0).retryAfterSeconds());
    }

    @Test
    void aKeysRateRefusesBeyondItsTokensAndSaysWhatRemains() {
        KeyRates rates = new KeyRates(3);
        java.util.UUID key = java.util.UUID.randomUUID();
        assertEquals(2, rates.take(key).getRemainingTokens());
        rates.take(key);
        assertEquals(0, rates.take(key).getRemainingTokens());
        assertEquals(false, rates.take(key).isConsumed());
        assertEquals(true, rates.take(java.util.UUID.randomUUID()).isConsumed(), "another key has its own bucket");
        assertEquals(false, new KeyRates(0).enabled());
    }
}

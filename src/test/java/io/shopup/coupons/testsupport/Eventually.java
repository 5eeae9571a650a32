package io.shopup.coupons.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or the time is up: the way tests wait, instead of sleeping. */
public final class Eventually {

    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    public static boolean within(Duration limit, BooleanSupplier condition) {
        Instant until = Instant.now().plus(limit);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not yet: the thing polled may refuse while it recovers
            }
            if (Instant.now().isAfter(until)) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}

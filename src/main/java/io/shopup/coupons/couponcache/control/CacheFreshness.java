package io.shopup.coupons.couponcache.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far behind the database the cache may be. The listener marks the moments it knows the cache
 * was current ({@link #inSync}) and the moments it found the database unreachable
 * ({@link #unreachable}). A database that is down is not staleness: validation goes on from
 * memory then, by design. Staleness that matters is the cache falling behind a database that
 * answers: a listener that died, is stuck, or cannot apply changes.
 */
public final class CacheFreshness {

    private final Clock clock;
    private volatile Instant lastInSync;
    private volatile Instant lastUnreachable;
    private volatile boolean loaded;

    public CacheFreshness(Clock clock) {
        this.clock = clock;
        // Until the first load the cache holds nothing: it is as stale as the service is old.
        this.lastInSync = clock.instant();
        this.lastUnreachable = lastInSync;
    }

    /** Every change committed before {@code at} is in the cache. */
    public void inSync(Instant at) {
        lastInSync = at;
        loaded = true;
    }

    /** The database did not answer at {@code now}: the time since the last sync does not count. */
    public void unreachable() {
        lastUnreachable = clock.instant();
    }

    /** Seconds since the cache was last known current (0 while it is). */
    public long staleSeconds() {
        return Math.max(0, Duration.between(lastInSync, clock.instant()).toSeconds());
    }

    /**
     * True when the cache has been behind a database that answered for longer than {@code bound}.
     * Never before the first load: until then readiness is DOWN, and a first load that takes long
     * on a large data set must not have the service restarted again and again.
     */
    public boolean staleLongerThan(Duration bound) {
        if (!loaded) {
            return false;
        }
        Instant since = lastInSync.isAfter(lastUnreachable) ? lastInSync : lastUnreachable;
        return Duration.between(since, clock.instant()).compareTo(bound) > 0;
    }
}

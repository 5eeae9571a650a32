package io.shopup.coupons.redemption.control;

import io.shopup.coupons.platform.NativeSql;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

/**
 * Marks the current transaction as one whose changes the service announces to the coupon caches
 * itself, after the commit (the triggers then send nothing, see the V8 migration), and returns
 * its transaction id, which the announcements carry.
 */
public final class Announcing {

    static final String BEGIN = """
            SELECT set_config('coupons.announce_after_commit', 'on', true) AS announcing,
                   CAST(pg_current_xact_id() AS text) AS xid
            """;

    /* The same, and the idempotency key's lock (see IdempotencyStore) in the same round trip. */
    static final String BEGIN_AND_TRY_LOCK = """
            SELECT set_config('coupons.announce_after_commit', 'on', true) AS announcing,
                   CAST(pg_current_xact_id() AS text) AS xid,
                   pg_try_advisory_xact_lock(CAST(:high AS int), CAST(:low AS int)) AS locked
            """;

    /** A transaction begun: its id, and whether it holds the lock it asked for. */
    public record Begun(String xid, boolean locked) {
    }

    private Announcing() {
    }

    public static String begin(EntityManager em) {
        return NativeSql.of(em, BEGIN).one().get("xid", String.class);
    }

    /** Begins, and tries the transaction-scoped advisory lock {@code lockKey} without waiting. */
    public static Begun beginTryingLock(EntityManager em, long lockKey) {
        Tuple row = NativeSql.of(em, BEGIN_AND_TRY_LOCK).number("high", (int) (lockKey >>> 32))
                .number("low", (int) lockKey).one();
        return new Begun(row.get("xid", String.class), row.get("locked", Boolean.class));
    }
}

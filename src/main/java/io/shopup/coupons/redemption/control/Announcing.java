package io.shopup.coupons.redemption.control;

import io.shopup.coupons.platform.NativeSql;
import jakarta.persistence.EntityManager;

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

    private Announcing() {
    }

    public static String begin(EntityManager em) {
        return NativeSql.of(em, BEGIN).one().get("xid", String.class);
    }
}

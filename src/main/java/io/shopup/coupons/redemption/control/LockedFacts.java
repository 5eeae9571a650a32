package io.shopup.coupons.redemption.control;

import io.shopup.coupons.platform.NativeSql;
import io.shopup.coupons.coupon.control.CouponRows;
import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Instant;

/**
 * The facts a hold or a redemption is decided on, read from the database under the coupon's row
 * lock. Every hold and redemption of a coupon takes that lock first ({@code FOR NO KEY UPDATE},
 * which does not block the foreign-key checks of inserts that refer to the coupon), so they run one
 * after the other per coupon, on every instance, and each reads the counts its predecessor left
 * (under READ COMMITTED each statement sees what committed before it started). Live holds count
 * like redemptions; a hold past its expiry counts as nothing, whether or not the timer has marked it.
 */
public final class LockedFacts {

    static final String LOCK_COUPON = """
            SELECT id, code, type, user_id, status, discount_type, discount_value, max_discount,
                   min_order_value, usage_limit, per_user_limit, valid_from, valid_until
              FROM coupons WHERE code = :code
               FOR NO KEY UPDATE
            """;

    /*
     * The totals are the counters the database keeps (V5, V7), less the holds past their expiry
     * that the timer has not marked yet (an index range of coupon_reservations_live_expiry, empty
     * most of the time). A user's redemptions are counted only up to the per-user limit.
     */
    static final String COUNTS = """
            SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = :user) AS user_exists,
                   coalesce((SELECT t.used FROM coupon_usage_totals t WHERE t.coupon_id = :coupon), 0)
                   + coalesce((SELECT h.held FROM coupon_hold_totals h WHERE h.coupon_id = :coupon), 0)
                   - (SELECT count(*) FROM coupon_reservations r
                       WHERE r.coupon_id = :coupon AND r.status = 'HELD' AND r.expires_at <= :now) AS total,
                   (SELECT count(*) FROM (SELECT 1 FROM coupon_usage cu
                                           WHERE cu.coupon_id = :coupon AND cu.user_id = :user
                                           LIMIT :perUser) used)
                   + (SELECT count(*) FROM coupon_reservations r
                       WHERE r.coupon_id = :coupon AND r.user_id = :user AND r.status = 'HELD'
                         AND r.expires_at > :now) AS user_total,
                   EXISTS (SELECT 1 FROM coupon_usage cu WHERE cu.coupon_id = :coupon AND cu.order_id = :order)
                   OR EXISTS (SELECT 1 FROM coupon_reservations r
                               WHERE r.coupon_id = :coupon AND r.order_id = :order AND r.status = 'HELD'
                                 AND r.expires_at > :now) AS order_used
            """;

    static final String USER_EXISTS = "SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = :user) AS user_exists";

    private LockedFacts() {
    }

    /** Locks the coupon of the request (when there is one) and reads the facts of the rules. */
    public static ValidationFacts lockAndRead(EntityManager em, ValidationRequest request, Instant now) {
        Tuple row = NativeSql.of(em, LOCK_COUPON).text("code", request.code()).one();
        if (row == null) {
            boolean userExists = NativeSql.of(em, USER_EXISTS).text("user", request.userId()).one()
                    .get("user_exists", Boolean.class);
            return new ValidationFacts(null, userExists, 0, 0, false);
        }
        CouponSnapshot coupon = CouponRows.snapshot(row);
        Tuple counts = NativeSql.of(em, COUNTS)
                .text("user", request.userId())
                .number("coupon", coupon.id())
                .time("now", now)
                .number("perUser", coupon.perUserLimit() == null ? 0 : coupon.perUserLimit())
                .text("order", request.orderId())
                .one();
        return new ValidationFacts(coupon, counts.get("user_exists", Boolean.class),
                ((Number) counts.get("total")).longValue(), ((Number) counts.get("user_total")).longValue(),
                counts.get("order_used", Boolean.class));
    }
}

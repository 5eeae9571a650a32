package io.shopup.coupons.validation.control;

import io.shopup.coupons.coupon.control.CouponRows;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Instant;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Fetches, in one round trip, everything the validation rules need. Each part is served by an
 * index: the coupon by {@code coupons_code_lookup} (its INCLUDE columns make it index-only), the
 * user by the primary key of {@code users}, the total redemptions by the counter the database
 * keeps in {@code coupon_usage_totals} (V5), the user's by {@code coupon_usage_coupon_user} and the
 * order check by the unique partial {@code coupon_usage_coupon_order}. Live holds (V7) count like
 * redemptions: the held counter, less holds past their expiry not yet marked, and the partial
 * indexes of live holds for the user's and the order's. The LEFT JOIN always yields one row,
 * so an unknown code still tells whether the user exists. A user's redemptions are counted only up
 * to the per-user limit, since the rules only ask whether it is reached: a popular coupon costs no
 * more than a new one.
 */
public final class CouponFactsQuery {

    public static final String SQL = """
            SELECT c.id, c.code, c.type, c.user_id, c.status, c.discount_type, c.discount_value,
                   c.max_discount, c.min_order_value, c.usage_limit, c.per_user_limit,
                   c.valid_from, c.valid_until,
                   EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id) AS user_exists,
                   coalesce((SELECT t.used FROM coupon_usage_totals t WHERE t.coupon_id = c.id), 0)
                   + coalesce((SELECT h.held FROM coupon_hold_totals h WHERE h.coupon_id = c.id), 0)
                   - (SELECT count(*) FROM coupon_reservations r
                       WHERE r.coupon_id = c.id AND r.status = 'HELD' AND r.expires_at <= p.now)
                       AS total_redemptions,
                   CASE WHEN c.per_user_limit IS NULL THEN 0 ELSE
                       (SELECT count(*) FROM (SELECT 1 FROM coupon_usage cu
                                               WHERE cu.coupon_id = c.id AND cu.user_id = p.user_id
                                               LIMIT c.per_user_limit) used)
                       + (SELECT count(*) FROM coupon_reservations r
                           WHERE r.coupon_id = c.id AND r.user_id = p.user_id AND r.status = 'HELD'
                             AND r.expires_at > p.now)
                   END AS user_redemptions,
                   EXISTS (SELECT 1 FROM coupon_usage cu
                     WHERE cu.coupon_id = c.id AND cu.order_id = p.order_id)
                   OR EXISTS (SELECT 1 FROM coupon_reservations r
                     WHERE r.coupon_id = c.id AND r.order_id = p.order_id AND r.status = 'HELD'
                       AND r.expires_at > p.now) AS order_used
              FROM (SELECT CAST(? AS text) AS code, CAST(? AS text) AS user_id, CAST(? AS text) AS order_id,
                           CAST(? AS timestamptz) AS now) AS p
              LEFT JOIN coupons c ON c.code = p.code
            """;

    private CouponFactsQuery() {
    }

    public static ValidationFacts fetch(EntityManager em, ValidationRequest request, Instant now) {
        @SuppressWarnings("unchecked")
        NativeQuery<Tuple> query = em.createNativeQuery(SQL, Tuple.class).unwrap(NativeQuery.class);
        query.setParameter(1, request.code(), StandardBasicTypes.STRING);
        query.setParameter(2, request.userId(), StandardBasicTypes.STRING);
        query.setParameter(3, request.orderId(), StandardBasicTypes.STRING);
        query.setParameter(4, now, StandardBasicTypes.INSTANT);
        Tuple row = query.getSingleResult();
        return new ValidationFacts(CouponRows.snapshot(row),
                row.get("user_exists", Boolean.class),
                ((Number) row.get("total_redemptions")).longValue(),
                ((Number) row.get("user_redemptions")).longValue(),
                row.get("order_used", Boolean.class));
    }
}

package io.shopup.coupons.redemption.control;

import io.shopup.coupons.platform.NativeSql;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.platform.JdbcValues;
import io.shopup.coupons.redemption.entity.Redemption;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.time.Instant;

/** The statements of redemptions: redeem in one step, read one, roll one back. */
public final class RedemptionQueries {

    static final String INSERT = """
            WITH u AS (
                INSERT INTO coupon_usage (coupon_id, user_id, order_id, order_value, discount_applied, used_at)
                VALUES (:coupon, :user, :order, :orderValue, :discount, :now)
                RETURNING *)
            SELECT u.id, u.coupon_id, c.code, u.user_id, u.order_id, u.order_value, u.discount_applied, u.used_at,
                   CAST(NULL AS timestamptz) AS rolled_back_at, CAST(NULL AS text) AS reason
              FROM u JOIN coupons c ON c.id = u.coupon_id
            """;

    static final String FIND = """
            SELECT u.id, u.coupon_id, c.code, u.user_id, u.order_id, u.order_value, u.discount_applied, u.used_at,
                   CAST(NULL AS timestamptz) AS rolled_back_at, CAST(NULL AS text) AS reason
              FROM coupon_usage u JOIN coupons c ON c.id = u.coupon_id WHERE u.id = :id
            UNION ALL
            SELECT b.usage_id, b.coupon_id, c.code, b.user_id, b.order_id, b.order_value, b.discount_applied, b.used_at,
                   b.rolled_back_at, b.reason
              FROM coupon_usage_rollbacks b JOIN coupons c ON c.id = b.coupon_id WHERE b.usage_id = :id
            """;

    /** Removes the redemption and keeps it, with when and why, in one statement. */
    static final String ROLL_BACK = """
            WITH gone AS (DELETE FROM coupon_usage WHERE id = :id RETURNING *),
                 kept AS (
                INSERT INTO coupon_usage_rollbacks (usage_id, coupon_id, user_id, order_id, order_value,
                                                    discount_applied, used_at, rolled_back_at, reason)
                SELECT id, coupon_id, user_id, order_id, order_value, discount_applied, used_at, :now, :reason
                  FROM gone
                RETURNING *)
            SELECT k.usage_id AS id, k.coupon_id, c.code, k.user_id, k.order_id, k.order_value, k.discount_applied, k.used_at,
                   k.rolled_back_at, k.reason
              FROM kept k JOIN coupons c ON c.id = k.coupon_id
            """;

    private RedemptionQueries() {
    }

    public static Redemption insert(EntityManager em, long couponId, ValidationRequest request, BigDecimal discount,
                                    Instant now) {
        return redemption(NativeSql.of(em, INSERT).number("coupon", couponId).text("user", request.userId())
                .text("order", request.orderId()).decimal("orderValue", request.orderValue())
                .decimal("discount", discount).time("now", now).one());
    }

    public static Redemption find(EntityManager em, long id) {
        return redemption(NativeSql.of(em, FIND).number("id", id).one());
    }

    /** @return the rolled-back redemption, or null when no redemption with this id stands */
    public static Redemption rollBack(EntityManager em, long id, String reason, Instant now) {
        return redemption(NativeSql.of(em, ROLL_BACK).number("id", id).text("reason", reason).time("now", now).one());
    }

    private static Redemption redemption(Tuple row) {
        if (row == null) {
            return null;
        }
        return new Redemption(((Number) row.get("id")).longValue(), ((Number) row.get("coupon_id")).longValue(),
                row.get("code", String.class),
                row.get("user_id", String.class), row.get("order_id", String.class),
                row.get("order_value", BigDecimal.class), row.get("discount_applied", BigDecimal.class),
                JdbcValues.instant(row.get("used_at")), JdbcValues.instant(row.get("rolled_back_at")),
                row.get("reason", String.class));
    }
}

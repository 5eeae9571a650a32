package io.shopup.coupons.coupon.control;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.DiscountType;
import io.shopup.coupons.platform.JdbcValues;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;

/**
 * A coupon's row as a native query returns it, with the columns of {@code coupons} under their own
 * names, read into the snapshot the rules judge.
 */
public final class CouponRows {

    private CouponRows() {
    }

    /** @return the coupon, or null when the row has none (a LEFT JOIN that found no code) */
    public static CouponSnapshot snapshot(Tuple row) {
        Number id = (Number) row.get("id");
        if (id == null) {
            return null;
        }
        return new CouponSnapshot(id.longValue(),
                row.get("code", String.class),
                CouponType.valueOf(row.get("type", String.class)),
                row.get("user_id", String.class),
                CouponStatus.valueOf(row.get("status", String.class)),
                DiscountType.valueOf(row.get("discount_type", String.class)),
                row.get("discount_value", BigDecimal.class),
                row.get("max_discount", BigDecimal.class),
                row.get("min_order_value", BigDecimal.class),
                integer(row.get("usage_limit")),
                integer(row.get("per_user_limit")),
                JdbcValues.instant(row.get("valid_from")),
                JdbcValues.instant(row.get("valid_until")));
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}

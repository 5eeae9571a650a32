package io.shopup.coupons.validationlog.entity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** How one coupon's validations went in a period. Response times are null when there were none. */
public record CouponStats(
        String code,
        Instant from,
        Instant to,
        long attempts,
        long valid,
        long invalid,
        Map<String, Long> byReason,
        BigDecimal totalDiscount,
        BigDecimal averageResponseTimeMs,
        BigDecimal p95ResponseTimeMs) {
}

package io.shopup.coupons.validationlog.entity;

import java.math.BigDecimal;
import java.time.Instant;

/** One validation decision as the log keeps it: a row of {@code validation_logs}. */
public record LogRecord(
        String couponCode,
        String userId,
        String orderId,
        BigDecimal orderValue,
        boolean valid,
        String reason,
        BigDecimal discountApplied,
        BigDecimal finalAmount,
        String ipAddress,
        String userAgent,
        BigDecimal responseTimeMs,
        Instant validatedAt,
        Long couponId) {
}

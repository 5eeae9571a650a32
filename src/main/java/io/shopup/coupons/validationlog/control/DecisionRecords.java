package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.validationlog.entity.LogRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Turns an answered validation into the record the log keeps. */
public final class DecisionRecords {

    static final int MAX_USER_AGENT = 512;

    private DecisionRecords() {
    }

    public static LogRecord of(ValidationRequest request, ValidationDecision decision, String ipAddress,
                               String userAgent, long elapsedNanos, Instant validatedAt) {
        return new LogRecord(decision.code(), request.userId(), request.orderId(), decision.orderValue(),
                decision.valid(), decision.reason().name(), decision.discount(), decision.finalAmount(),
                ipAddress, truncate(userAgent), BigDecimal.valueOf(elapsedNanos, 6).setScale(3, RoundingMode.HALF_UP),
                validatedAt, decision.couponId());
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent : userAgent.substring(0, MAX_USER_AGENT);
    }
}

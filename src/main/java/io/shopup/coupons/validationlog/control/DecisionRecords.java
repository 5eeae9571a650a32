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

    /**
     * The client's address: the socket's peer, or, behind a trusted proxy, the last address of
     * {@code X-Forwarded-For}: the one that proxy appended, the only one a client cannot forge.
     */
    public static String clientAddress(String remoteAddress, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null) {
            String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
            if (isIpAddress(last)) {
                return last;
            }
        }
        return remoteAddress;
    }

    /** An IPv4 or IPv6 literal, by its characters: enough to keep anything else out of the log. */
    static boolean isIpAddress(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return false;
        }
        boolean colon = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (colon && (c == ':' || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent : userAgent.substring(0, MAX_USER_AGENT);
    }
}

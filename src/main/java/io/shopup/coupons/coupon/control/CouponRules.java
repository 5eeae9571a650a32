package io.shopup.coupons.coupon.control;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.Reason;
import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The validation decision of the domain contract, as plain Java. The rules run in the order of
 * {@link Reason}; the first that fails is the answer. Validity windows are half-open:
 * a coupon is valid when {@code valid_from <= now < valid_until}.
 */
public final class CouponRules {

    private CouponRules() {
    }

    public static ValidationDecision decide(ValidationRequest request, ValidationFacts facts, Instant now) {
        CouponSnapshot coupon = facts.coupon();
        Reason reason = firstFailure(request, facts, now);
        if (reason != Reason.VALID) {
            return rejected(request, coupon, reason);
        }
        BigDecimal discount = DiscountCalculator.discount(coupon, request.orderValue());
        return new ValidationDecision(Reason.VALID, request.code(), coupon.id(), coupon.type(),
                request.orderValue(), discount, request.orderValue().subtract(discount));
    }

    static Reason firstFailure(ValidationRequest request, ValidationFacts facts, Instant now) {
        CouponSnapshot coupon = facts.coupon();
        if (coupon == null) {
            return Reason.COUPON_NOT_FOUND;
        }
        if (!facts.userExists()) {
            return Reason.USER_NOT_FOUND;
        }
        if (coupon.status() == CouponStatus.INACTIVE) {
            return Reason.COUPON_INACTIVE;
        }
        if (coupon.status() == CouponStatus.EXPIRED
                || (coupon.validUntil() != null && !now.isBefore(coupon.validUntil()))) {
            return Reason.COUPON_EXPIRED;
        }
        if (coupon.validFrom() != null && now.isBefore(coupon.validFrom())) {
            return Reason.COUPON_NOT_YET_VALID;
        }
        if (coupon.type() == CouponType.USER_SPECIFIC && !request.userId().equals(coupon.ownerUserId())) {
            return Reason.COUPON_NOT_FOR_USER;
        }
        if (coupon.minOrderValue() != null && request.orderValue().compareTo(coupon.minOrderValue()) < 0) {
            return Reason.MIN_ORDER_NOT_MET;
        }
        if (request.orderId() != null && facts.orderAlreadyUsed()) {
            return Reason.ALREADY_USED_ON_ORDER;
        }
        if (coupon.usageLimit() != null && facts.totalRedemptions() >= coupon.usageLimit()) {
            return Reason.USAGE_LIMIT_REACHED;
        }
        if (coupon.perUserLimit() != null && facts.userRedemptions() >= coupon.perUserLimit()) {
            return Reason.USER_USAGE_LIMIT_REACHED;
        }
        return Reason.VALID;
    }

    private static ValidationDecision rejected(ValidationRequest request, CouponSnapshot coupon, Reason reason) {
        return new ValidationDecision(reason, request.code(),
                coupon == null ? null : coupon.id(),
                coupon == null ? null : coupon.type(),
                request.orderValue(), BigDecimal.ZERO.setScale(2), request.orderValue());
    }
}

package io.shopup.coupons.administration.control;

import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.DiscountType;
import io.shopup.coupons.problems.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules between a coupon's fields, those of the schema's CHECK constraints (DOMAIN.md, "Words"),
 * checked before the database so that each broken rule is answered {@code 400} naming its field.
 */
public final class CouponFieldRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CouponFieldRules() {
    }

    /**
     * @param codeRequired false for a code batch's template
     * @param fieldPath    what error names put before a field, or ""
     */
    public static List<FieldError> check(CouponFields f, boolean codeRequired, String fieldPath) {
        List<FieldError> errors = new ArrayList<>();
        if (codeRequired && f.code() == null) {
            errors.add(FieldError.at(fieldPath, "code", "is required"));
        }
        if (f.type() == null) {
            errors.add(FieldError.at(fieldPath, "type", "is required: USER_SPECIFIC or TIME_SPECIFIC"));
        } else if (f.type() == CouponType.USER_SPECIFIC && f.userId() == null) {
            errors.add(FieldError.at(fieldPath, "userId", "is required for a USER_SPECIFIC coupon"));
        } else if (f.type() == CouponType.TIME_SPECIFIC) {
            if (f.userId() != null) {
                errors.add(FieldError.at(fieldPath, "userId", "must be absent for a TIME_SPECIFIC coupon, which is for anyone"));
            }
            if (f.validFrom() == null) {
                errors.add(FieldError.at(fieldPath, "validFrom", "is required for a TIME_SPECIFIC coupon"));
            }
            if (f.validUntil() == null) {
                errors.add(FieldError.at(fieldPath, "validUntil", "is required for a TIME_SPECIFIC coupon"));
            }
        }
        if (f.validFrom() != null && f.validUntil() != null && !f.validFrom().isBefore(f.validUntil())) {
            errors.add(FieldError.at(fieldPath, "validUntil", "must be later than validFrom"));
        }
        if (f.status() == null) {
            errors.add(FieldError.at(fieldPath, "status", "is required: ACTIVE, EXPIRED or INACTIVE"));
        }
        if (f.discountType() == null) {
            errors.add(FieldError.at(fieldPath, "discountType", "is required: PERCENT or FIXED"));
        }
        if (f.discountValue() == null) {
            errors.add(FieldError.at(fieldPath, "discountValue", "is required"));
        } else if (f.discountValue().signum() <= 0) {
            errors.add(FieldError.at(fieldPath, "discountValue", "must be more than 0"));
        } else if (f.discountType() == DiscountType.PERCENT && f.discountValue().compareTo(HUNDRED) > 0) {
            errors.add(FieldError.at(fieldPath, "discountValue", "must be at most 100 for a PERCENT discount"));
        }
        if (f.maxDiscount() != null && f.maxDiscount().signum() <= 0) {
            errors.add(FieldError.at(fieldPath, "maxDiscount", "must be more than 0, or null for no cap"));
        }
        return errors;
    }
}

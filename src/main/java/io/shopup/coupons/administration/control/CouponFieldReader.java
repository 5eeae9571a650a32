package io.shopup.coupons.administration.control;

import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.coupon.control.InputRules;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.DiscountType;
import io.shopup.coupons.problems.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads a coupon's fields from JSON onto a base (the defaults of a new coupon, or the stored coupon
 * for a JSON Merge Patch, RFC 7396): a member that is present replaces the field, {@code null}
 * clears it, an absent one leaves it as it was. Each value's type and form is checked here, each
 * offending member named; the rules between fields are {@link CouponFieldRules}'.
 */
public final class CouponFieldReader {

    /** Every field a person sets, as JSON names them. */
    public static final List<String> ALL = List.of("code", "type", "userId", "status", "discountType",
            "discountValue", "maxDiscount", "minOrderValue", "usageLimit", "perUserLimit", "validFrom", "validUntil");
    /** What a merge patch may change: everything but what the coupon is (its code, type and user). */
    public static final Set<String> PATCHABLE = Set.of("status", "discountType", "discountValue", "maxDiscount",
            "minOrderValue", "usageLimit", "perUserLimit", "validFrom", "validUntil");
    /** What a code batch's template holds: everything but the code, which is generated. */
    public static final Set<String> TEMPLATE = Set.copyOf(ALL.subList(1, ALL.size()));
    public static final Set<String> CREATE = Set.copyOf(ALL);

    /** NUMERIC(12,2): ten digits before the point. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");
    /** Times before the epoch or past year 9999 are typing mistakes, and some tools cannot hold them. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private CouponFieldReader() {
    }

    /**
     * @param allowed   the fields this request may set; another field of a coupon is named as one
     *                  that cannot be set here, anything else as unknown
     * @param fieldPath what error names put before a field ({@code "coupon."} in a batch), or ""
     */
    public static CouponFields overlay(CouponFields base, JsonObject json, Set<String> allowed, String fieldPath,
                                       List<FieldError> errors) {
        CouponFields fields = base;
        for (var member : json.entrySet()) {
            String name = member.getKey();
            Field field = new Field(fieldPath, name);
            if (!ALL.contains(name)) {
                errors.add(field.error("is not a field of a coupon"));
            } else if (!allowed.contains(name)) {
                errors.add(field.error("cannot be set here"));
            } else {
                int before = errors.size();
                Object value = read(name, member.getValue(), field, errors);
                if (errors.size() == before) {
                    fields = fields.with(name, value);
                }
            }
        }
        return fields;
    }

    private static Object read(String name, JsonValue value, Field field, List<FieldError> errors) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return switch (name) {
            case "code" -> code(value, field, errors);
            case "type" -> word(value, CouponType.class, field, errors);
            case "status" -> word(value, CouponStatus.class, field, errors);
            case "discountType" -> word(value, DiscountType.class, field, errors);
            case "userId" -> identifier(value, field, errors);
            case "discountValue", "maxDiscount", "minOrderValue" -> amount(value, field, errors);
            case "usageLimit", "perUserLimit" -> count(value, field, errors);
            case "validFrom", "validUntil" -> time(value, field, errors);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String code(JsonValue value, Field field, List<FieldError> errors) {
        String code = value instanceof JsonString text ? InputRules.normaliseCode(text.getString()) : null;
        if (code == null) {
            errors.add(field.error(InputRules.CODE_RULE));
        }
        return code;
    }

    private static <E extends Enum<E>> E word(JsonValue value, Class<E> type, Field field, List<FieldError> errors) {
        if (value instanceof JsonString text) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text.getString())) {
                    return constant;
                }
            }
        }
        errors.add(field.error("must be one of " + Arrays.toString(type.getEnumConstants())));
        return null;
    }

    private static String identifier(JsonValue value, Field field, List<FieldError> errors) {
        if (value instanceof JsonString text && InputRules.isIdentifier(text.getString())) {
            return text.getString();
        }
        errors.add(field.error(InputRules.IDENTIFIER_RULE));
        return null;
    }

    /** An amount is a JSON number of whole cents from 0 to 9,999,999,999.99; the rules say which must be more than 0. */
    static BigDecimal amount(JsonValue value, Field field, List<FieldError> errors) {
        if (value instanceof JsonNumber number) {
            BigDecimal amount = number.bigDecimalValue();
            if (amount.signum() >= 0 && amount.compareTo(MAX_AMOUNT) <= 0 && amount.stripTrailingZeros().scale() <= 2) {
                return amount.setScale(2, RoundingMode.UNNECESSARY);
            }
        }
        errors.add(field.error("must be a number of whole cents from 0 to " + MAX_AMOUNT.toPlainString()));
        return null;
    }

    private static Integer count(JsonValue value, Field field, List<FieldError> errors) {
        if (value instanceof JsonNumber number && number.isIntegral() && number.bigDecimalValue().signum() >= 0
                && number.bigDecimalValue().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return number.intValue();
        }
        errors.add(field.error("must be a whole number from 0 to " + Integer.MAX_VALUE));
        return null;
    }

    private static Instant time(JsonValue value, Field field, List<FieldError> errors) {
        if (value instanceof JsonString text) {
            try {
                Instant time = OffsetDateTime.parse(text.getString()).toInstant();
                if (!time.isBefore(EARLIEST) && !time.isAfter(LATEST)) {
                    return time;
                }
            } catch (DateTimeParseException e) {
                // named below
            }
        }
        errors.add(field.error("must be an ISO-8601 time with an offset (2027-01-31T23:00:00Z) from 1970 to 9999"));
        return null;
    }

    /** A member as errors name it: its path ("coupon." in a batch's template, else "") and its name. */
    private record Field(String path, String name) {
        FieldError error(String detail) {
            return FieldError.at(path, name, detail);
        }
    }
}

package io.shopup.coupons.administration.control;

import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.problems.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads {@code {count, prefix?, length?, coupon:{...}}}: how many codes, their shape, and the
 * coupon each becomes. {@code length} is the random part's; it defaults to, and may not be less
 * than, what {@link CodeShape} requires for the count. The template's usage limit defaults to 1:
 * generated codes are single-use unless the request says otherwise.
 */
public final class CodeBatchRequestReader {

    public static final int MAX_COUNT = 1_000_000;
    private static final Set<String> FIELDS = Set.of("count", "prefix", "length", "coupon");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CodeBatchRequestReader() {
    }

    /** What was read; the other members are meaningless when there are errors. */
    public record Read(int count, String prefix, int randomLength, CouponFields template, List<FieldError> errors) {
    }

    public static Read read(JsonObject json) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : json.keySet()) {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a code batch"));
            }
        }
        int count = wholeNumber(json.get("count"), 1, MAX_COUNT, "count", true, errors);
        String prefix = "";
        JsonValue prefixValue = json.get("prefix");
        if (prefixValue != null && prefixValue.getValueType() != JsonValue.ValueType.NULL) {
            String given = prefixValue instanceof JsonString text ? text.getString().strip().toUpperCase(Locale.ROOT) : null;
            if (given == null || !CodeShape.isPrefix(given)) {
                errors.add(new FieldError("prefix", "must be 0 to " + CodeShape.MAX_PREFIX_LENGTH
                        + " characters of A-Z, 0-9 and '-'"));
            } else {
                prefix = given;
            }
        }
        int least = CodeShape.minRandomLength(Math.max(1, count));
        int most = CodeShape.MAX_CODE_LENGTH - prefix.length();
        int randomLength = json.get("length") == null || json.get("length").getValueType() == JsonValue.ValueType.NULL
                ? least : wholeNumber(json.get("length"), least, most, "length", true, errors);
        CouponFields template = CouponFields.defaults().with("usageLimit", 1);
        JsonValue coupon = json.get("coupon");
        if (!(coupon instanceof JsonObject object)) {
            errors.add(new FieldError("coupon", "is required: the fields of the coupon each code becomes"));
        } else {
            List<FieldError> couponErrors = new ArrayList<>();
            template = CouponFieldReader.overlay(template, object, CouponFieldReader.TEMPLATE, "coupon.", couponErrors);
            if (couponErrors.isEmpty()) {
                couponErrors.addAll(CouponFieldRules.check(template, false, "coupon."));
            }
            errors.addAll(couponErrors);
        }
        return new Read(count, prefix, randomLength, template, errors);
    }

    private static int wholeNumber(JsonValue value, int min, int max, String field, boolean required,
                                   List<FieldError> errors) {
        if (value instanceof JsonNumber number && number.isIntegral()
                && number.bigDecimalValue().compareTo(BigDecimal.valueOf(min)) >= 0
                && number.bigDecimalValue().compareTo(BigDecimal.valueOf(max)) <= 0) {
            return number.intValue();
        }
        if (value != null || required) {
            errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
        }
        return min;
    }

    /** A batch id, or null when the text cannot be one. */
    public static UUID uuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
    }
}

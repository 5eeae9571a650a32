package io.shopup.coupons.coupon.control;

import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body into a {@link ValidationRequest} (the question the coupon rules answer, for
 * a validation, a hold or a redemption), or explains in a 400 problem document every field that is
 * wrong. Unknown fields are ignored so that clients may send more than we read.
 */
public final class CouponRequestReader {

    /** Looked up once: {@code Json.createParser} would search for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private CouponRequestReader() {
    }

    /** A validation's question: {@code orderId} is optional. */
    public static ValidationRequest read(byte[] body) {
        JsonObject json = parseObject(body);
        List<FieldError> errors = new ArrayList<>();
        ValidationRequest request = read(json, false, errors);
        refuse(errors);
        return request;
    }

    /**
     * The four fields of a coupon question, each offending one added to {@code errors}.
     *
     * @return the request, or null when a field is wrong
     */
    public static ValidationRequest read(JsonObject json, boolean orderIdRequired, List<FieldError> errors) {
        int before = errors.size();
        String code = code(json, errors);
        String userId = identifier(json, "userId", true, errors);
        BigDecimal orderValue = orderValue(json, errors);
        String orderId = identifier(json, "orderId", orderIdRequired, errors);
        return errors.size() > before ? null : new ValidationRequest(code, userId, orderValue, orderId);
    }

    /** Throws the 400 naming every field in {@code errors}, if there is one. */
    public static void refuse(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw MalformedRequestException.badRequest("The request has invalid fields.", errors);
        }
    }

    /** The body as one JSON object in UTF-8, or a 400 saying why not. */
    public static JsonObject parseObject(byte[] body) {
        if (body.length == 0) {
            throw MalformedRequestException.badRequest("The request body is empty; a JSON object is expected.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw MalformedRequestException.badRequest("The request body is not valid UTF-8.");
        }
        JsonValue value;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw MalformedRequestException.badRequest("The request body has content after the JSON value.");
            }
        } catch (MalformedRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            // The parser's own limits (nesting depth, number length) throw more than JsonException.
            throw MalformedRequestException.badRequest("The request body is not valid JSON.");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw MalformedRequestException.badRequest("The request body must be a JSON object.");
        }
        return value.asJsonObject();
    }

    private static String code(JsonObject json, List<FieldError> errors) {
        String raw = string(json, "code", true, errors);
        if (raw == null) {
            return null;
        }
        String code = InputRules.normaliseCode(raw);
        if (code == null) {
            errors.add(new FieldError("code", InputRules.CODE_RULE));
        }
        return code;
    }

    private static String identifier(JsonObject json, String field, boolean required, List<FieldError> errors) {
        String value = string(json, field, required, errors);
        if (value != null && !InputRules.isIdentifier(value)) {
            errors.add(new FieldError(field, InputRules.IDENTIFIER_RULE));
            return null;
        }
        return value;
    }

    /** A string field, or null (an error added when it is required or not a string). */
    public static String string(JsonObject json, String field, boolean required, List<FieldError> errors) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return ((JsonString) value).getString();
    }

    private static BigDecimal orderValue(JsonObject json, List<FieldError> errors) {
        JsonValue value = json.get("orderValue");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            errors.add(new FieldError("orderValue", "is required"));
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            errors.add(new FieldError("orderValue", "must be a JSON number"));
            return null;
        }
        BigDecimal amount;
        try {
            amount = InputRules.orderValue(((JsonNumber) value).bigDecimalValue());
        } catch (ArithmeticException | NumberFormatException e) {
            amount = null;
        }
        if (amount == null) {
            errors.add(new FieldError("orderValue",
                    "must be greater than 0 and at most 1000000000, in whole cents"));
        }
        return amount;
    }
}

package io.shopup.coupons.administration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.problems.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every field rule of creating and patching a coupon, each naming its field. */
class CouponFieldRulesTest {

    static final String VALID = """
            {"code":"SUMMER-10","type":"TIME_SPECIFIC","discountType":"PERCENT","discountValue":10,
             "validFrom":"2027-01-01T00:00:00Z","validUntil":"2027-02-01T00:00:00Z"}""";

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("\"code\":null", "code"),
                Arguments.of("\"code\":\"bad code!\"", "code"),
                Arguments.of("\"code\":\"" + "A".repeat(65) + "\"", "code"),
                Arguments.of("\"code\":7", "code"),
                Arguments.of("\"type\":null", "type"),
                Arguments.of("\"type\":\"OTHER\"", "type"),
                Arguments.of("\"type\":\"USER_SPECIFIC\",\"validFrom\":null,\"validUntil\":null", "userId"),
                Arguments.of("\"userId\":\"user_0000001\"", "userId"),
                Arguments.of("\"userId\":\"\"", "userId"),
                Arguments.of("\"validFrom\":null", "validFrom"),
                Arguments.of("\"validUntil\":null", "validUntil"),
                Arguments.of("\"validFrom\":\"2027-03-01T00:00:00Z\"", "validUntil"),
                Arguments.of("\"validUntil\":\"2027-01-01T00:00:00Z\"", "validUntil"),
                Arguments.of("\"validFrom\":\"tomorrow\"", "validFrom"),
                Arguments.of("\"validFrom\":\"2027-01-01T00:00:00\"", "validFrom"),
                Arguments.of("\"validUntil\":\"1969-12-31T00:00:00Z\"", "validUntil"),
                Arguments.of("\"status\":\"DELETED\"", "status"),
                Arguments.of("\"status\":null", "status"),
                Arguments.of("\"discountType\":null", "discountType"),
                Arguments.of("\"discountType\":\"BOGO\"", "discountType"),
                Arguments.of("\"discountValue\":null", "discountValue"),
                Arguments.of("\"discountValue\":0", "discountValue"),
                Arguments.of("\"discountValue\":-5", "discountValue"),
                Arguments.of("\"discountValue\":100.01", "discountValue"),
                Arguments.of("\"discountValue\":10.005", "discountValue"),
                Arguments.of("\"discountValue\":\"10\"", "discountValue"),
                Arguments.of("\"discountType\":\"FIXED\",\"discountValue\":10000000000", "discountValue"),
                Arguments.of("\"maxDiscount\":0", "maxDiscount"),
                Arguments.of("\"maxDiscount\":1.001", "maxDiscount"),
                Arguments.of("\"minOrderValue\":-1", "minOrderValue"),
                Arguments.of("\"usageLimit\":-1", "usageLimit"),
                Arguments.of("\"usageLimit\":1.5", "usageLimit"),
                Arguments.of("\"usageLimit\":\"3\"", "usageLimit"),
                Arguments.of("\"usageLimit\":2147483648", "usageLimit"),
                Arguments.of("\"perUserLimit\":-1", "perUserLimit"),
                Arguments.of("\"colour\":\"red\"", "colour"),
                Arguments.of("\"redeemed\":3", "redeemed"));
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @MethodSource("brokenRules")
    void aBrokenRuleNamesItsField(String change, String field) {
        List<FieldError> errors = create(change);
        assertEquals(List.of(field), errors.stream().map(FieldError::field).distinct().toList(), errors.toString());
    }

    @Test
    void theValidCouponAndItsVariantsPass() {
        assertEquals(List.of(), create(null));
        assertEquals(List.of(), create("\"discountType\":\"FIXED\",\"discountValue\":150"));
        assertEquals(List.of(), create("\"discountValue\":100,\"maxDiscount\":50,\"minOrderValue\":0,\"usageLimit\":0,"
                + "\"perUserLimit\":null,\"status\":\"INACTIVE\""));
        assertEquals(List.of(), create("\"type\":\"USER_SPECIFIC\",\"userId\":\"user_0000001\",\"validFrom\":null,"
                + "\"validUntil\":null"));
        assertEquals(List.of(), create("\"code\":\"  summer-10 \",\"validFrom\":\"2027-01-01T01:00:00+01:00\""));
    }

    @Test
    void aNewCouponHasTheColumnsDefaults() {
        CouponFields fields = read(CouponFields.defaults(), VALID, CouponFieldReader.CREATE, new ArrayList<>());
        assertEquals(CouponStatus.ACTIVE, fields.status());
        assertEquals(1, fields.perUserLimit());
        assertNull(fields.usageLimit());
        assertEquals(new BigDecimal("0.00"), fields.minOrderValue());
        assertEquals(new BigDecimal("10.00"), fields.discountValue());
    }

    @Test
    void aMergePatchLeavesAbsentFieldsClearsNullOnesAndRefusesWhatACouponIs() {
        List<FieldError> errors = new ArrayList<>();
        CouponFields stored = read(CouponFields.defaults(), VALID.replace("}", ",\"maxDiscount\":20,\"usageLimit\":5}"),
                CouponFieldReader.CREATE, errors);
        CouponFields patched = read(stored, "{\"maxDiscount\":null,\"discountValue\":15}", CouponFieldReader.PATCHABLE,
                errors);
        assertEquals(List.of(), errors);
        assertNull(patched.maxDiscount(), "null clears");
        assertEquals(new BigDecimal("15.00"), patched.discountValue());
        assertEquals(5, patched.usageLimit(), "absent stays");
        assertEquals(stored.validFrom(), patched.validFrom());

        for (String field : List.of("code", "type", "userId")) {
            List<FieldError> refused = new ArrayList<>();
            read(stored, "{\"" + field + "\":\"X\"}", CouponFieldReader.PATCHABLE, refused);
            assertEquals(List.of(field), refused.stream().map(FieldError::field).toList());
            assertTrue(refused.get(0).detail().contains("cannot"), refused.toString());
        }
        List<FieldError> cleared = CouponFieldRules.check(read(stored, "{\"validUntil\":null}",
                CouponFieldReader.PATCHABLE, new ArrayList<>()), true, "");
        assertEquals(List.of("validUntil"), cleared.stream().map(FieldError::field).toList(),
                "a TIME_SPECIFIC coupon keeps its window");
    }

    /** The create request's errors: the valid coupon with one change ({@code "field":value} members). */
    static List<FieldError> create(String change) {
        String json = change == null ? VALID : VALID.replace("}", "," + change + "}");
        // A later member of the same name wins, as in the JSON objects the service reads.
        List<FieldError> errors = new ArrayList<>();
        CouponFields fields = read(CouponFields.defaults(), json, CouponFieldReader.CREATE, errors);
        if (errors.isEmpty()) {
            errors.addAll(CouponFieldRules.check(fields, true, ""));
        }
        return errors;
    }

    static CouponFields read(CouponFields base, String json, Set<String> allowed, List<FieldError> errors) {
        JsonObject object = Json.createReader(new StringReader(json)).readObject();
        return CouponFieldReader.overlay(base, object, allowed, "", errors);
    }
}

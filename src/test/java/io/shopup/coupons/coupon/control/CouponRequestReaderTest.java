package io.shopup.coupons.coupon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CouponRequestReaderTest {

    @Test
    void aCompleteBodyIsRead() {
        ValidationRequest request = read("""
                {"code":"USER-TEST","userId":"user_0000001","orderValue":1000,"orderId":"order-1"}""");
        assertEquals(new ValidationRequest("USER-TEST", "user_0000001", new BigDecimal("1000.00"), "order-1"),
                request);
    }

    @Test
    void theCodeIsNormalisedAndTheUserIdIsNot() {
        ValidationRequest request = read("""
                {"code":" user-test ","userId":" user_0000001 ","orderValue":300}""");
        assertEquals("USER-TEST", request.code());
        assertEquals(" user_0000001 ", request.userId());
    }

    @Test
    void theOrderValueGetsTwoDecimals() {
        assertEquals(new BigDecimal("100.00"), read(body("\"orderValue\":1E+2")).orderValue());
        assertEquals(new BigDecimal("10.00"), read(body("\"orderValue\":10.000")).orderValue());
    }

    @Test
    void unknownFieldsAreIgnored() {
        ValidationRequest request = read("""
                {"code":"A","userId":"u","orderValue":10,"cart":[1,2],"channel":{"web":true}}""");
        assertEquals(new ValidationRequest("A", "u", new BigDecimal("10.00"), null), request);
    }

    @Test
    void aNullOrderIdMeansNoOrder() {
        assertNull(read(body("\"orderValue\":10,\"orderId\":null")).orderId());
    }

    @Test
    void anAbsentOrderIdMeansNoOrder() {
        assertNull(read(body("\"orderValue\":10")).orderId());
    }

    @Test
    void aMissingOrderValueIsNamed() {
        assertFields(Set.of("orderValue"), """
                {"code":"USER-TEST","userId":"user_0000001"}""");
    }

    @ParameterizedTest(name = "orderValue {0}")
    @ValueSource(strings = {"\"100\"", "null", "true", "[100]", "{}", "0", "-5", "10.005", "1000000000.01"})
    void aBadOrderValueIsNamed(String orderValue) {
        assertFields(Set.of("orderValue"), body("\"orderValue\":" + orderValue));
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(strings = {"123", "null", "\"\"", "\"  \"", "\"SUMMER 10\"", "[\"A\"]"})
    void aBadCodeIsNamed(String code) {
        assertFields(Set.of("code"), "{\"code\":" + code + ",\"userId\":\"u\",\"orderValue\":10}");
    }

    @Test
    void aMissingCodeIsNamed() {
        assertFields(Set.of("code"), "{\"userId\":\"u\",\"orderValue\":10}");
    }

    @ParameterizedTest(name = "userId {0}")
    @ValueSource(strings = {"\"\"", "\"   \"", "7", "null", "\"a\\u0000b\"", "\"\\ud800\""})
    void aBadUserIdIsNamed(String userId) {
        assertFields(Set.of("userId"), "{\"code\":\"A\",\"userId\":" + userId + ",\"orderValue\":10}");
    }

    @Test
    void aMissingUserIdIsNamed() {
        assertFields(Set.of("userId"), "{\"code\":\"A\",\"orderValue\":10}");
    }

    @Test
    void aTooLongUserIdIsNamed() {
        assertFields(Set.of("userId"), "{\"code\":\"A\",\"userId\":\"" + "u".repeat(65) + "\",\"orderValue\":10}");
    }

    @ParameterizedTest(name = "orderId {0}")
    @ValueSource(strings = {"\"\"", "\" \"", "12"})
    void aBadOrderIdIsNamed(String orderId) {
        assertFields(Set.of("orderId"), body("\"orderValue\":10,\"orderId\":" + orderId));
    }

    @Test
    void everyBadFieldIsReported() {
        assertFields(Set.of("code", "userId", "orderValue", "orderId"), """
                {"code":1,"userId":"","orderValue":"x","orderId":""}""");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"hello", "{", "{\"code\":\"A\",}", "{code:\"A\"}", "   ", "{\"userId\":\"a\tb\"}"})
    void aBodyThatIsNotJsonIsRefused(String body) {
        assertBodyRefused(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"[]", "[{\"code\":\"A\",\"userId\":\"u\",\"orderValue\":10}]", "\"A\"", "10", "null"})
    void aBodyThatIsNotAnObjectIsRefused(String body) {
        assertBodyRefused(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {" xyz", "{}", "}", "[]", " 1"})
    void contentAfterTheObjectIsRefused(String trailing) {
        assertBodyRefused(("{\"code\":\"A\",\"userId\":\"u\",\"orderValue\":10}" + trailing)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersBeyondTheParserLimitsAreRefusedNotFailed() {
        assertBodyRefused(("{\"code\":\"A\",\"userId\":\"u\",\"orderValue\":1" + "0".repeat(1500) + "}")
                .getBytes(StandardCharsets.UTF_8));
        assertBodyRefused("{\"code\":\"A\",\"userId\":\"u\",\"orderValue\":1e2147483648}"
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestingBeyondTheParserLimitIsRefusedNotFailed() {
        assertBodyRefused(("{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertBodyRefused(new byte[0]);
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        byte[] latin1 = "{\"code\":\"CAF\u00c9\",\"userId\":\"u\",\"orderValue\":10}".getBytes(StandardCharsets.ISO_8859_1);
        assertBodyRefused(latin1);
        assertBodyRefused(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
    }

    private static String body(String orderFields) {
        return "{\"code\":\"A\",\"userId\":\"u\"," + orderFields + "}";
    }

    private static ValidationRequest read(String json) {
        return CouponRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertFields(Set<String> fields, String json) {
        MalformedRequestException e = refused(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(fields, e.errors().stream().map(FieldError::field).collect(Collectors.toSet()));
        assertTrue(e.errors().stream().noneMatch(error -> error.detail().isBlank()));
    }

    private static void assertBodyRefused(byte[] body) {
        assertTrue(refused(body).errors().isEmpty());
    }

    private static MalformedRequestException refused(byte[] body) {
        MalformedRequestException e = assertThrows(MalformedRequestException.class,
                () -> CouponRequestReader.read(body));
        assertEquals(400, e.status());
        return e;
    }
}

package io.shopup.coupons.validation.boundary;

import static io.shopup.coupons.testsupport.Api.body;
import static io.shopup.coupons.testsupport.TestData.timeCoupon;
import static io.shopup.coupons.testsupport.TestData.uniqueCode;
import static io.shopup.coupons.testsupport.TestData.uniqueUser;
import static io.shopup.coupons.testsupport.TestData.user;
import static io.shopup.coupons.testsupport.TestData.userCoupon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.TestData;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The contract's worked examples and every reason, over HTTP, against PostgreSQL. */
class ValidateEndpointIT extends DeployedService {

    private static final Duration DAY = Duration.ofDays(1);


    @Test
    void answersTheWorkedExamplesOfTheContract() {
        user("user_0000001");
        user("user_0000002");
        userCoupon("USER-TEST", "user_0000001").percent("10", "50.00").minOrder("100.00").limits(null, 1).insert();

        assertDecision(api.validate("{\"code\":\"USER-TEST\",\"userId\":\"user_0000001\",\"orderValue\":1000}"),
                "USER-TEST", true, "VALID", "1000.00", "50.00", "950.00");
        assertDecision(api.validate("{\"code\":\" user-test \",\"userId\":\"user_0000001\",\"orderValue\":300}"),
                "USER-TEST", true, "VALID", "300.00", "30.00", "270.00");
        assertDecision(api.validate("{\"code\":\"USER-TEST\",\"userId\":\"user_0000002\",\"orderValue\":1000}"),
                "USER-TEST", false, "COUPON_NOT_FOR_USER", "1000.00", "0.00", "1000.00");
        assertDecision(api.validate("{\"code\":\"USER-TEST\",\"userId\":\"user_0000001\",\"orderValue\":99.99}"),
                "USER-TEST", false, "MIN_ORDER_NOT_MET", "99.99", "0.00", "99.99");
        assertDecision(api.validate("{\"code\":\"NOPE\",\"userId\":\"user_0000001\",\"orderValue\":10}"),
                "NOPE", false, "COUPON_NOT_FOUND", "10.00", "0.00", "10.00");

        Api.Reply missing = api.validate("{\"code\":\"USER-TEST\",\"userId\":\"user_0000001\"}");
        assertEquals(400, missing.status());
        assertEquals("orderValue", missing.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }

    @Test
    void writesAmountsWithTwoDecimalsAndTheCouponType() {
        String owner = user(uniqueUser());
        String code = uniqueCode("FMT");
        userCoupon(code, owner).fixed("5").insert();

        Api.Reply reply = api.validate(body(code, owner, "20", null));

        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertTrue(reply.body().contains("\"orderValue\":20.00"), reply.body());
        assertTrue(reply.body().contains("\"discount\":5.00"), reply.body());
        assertTrue(reply.body().contains("\"finalAmount\":15.00"), reply.body());
        assertEquals("USER_SPECIFIC", reply.json().getString("couponType"));
        assertFalse(reply.json().getString("message").isBlank());
    }

    @Test
    void reportsAnUnknownCodeWithoutACouponType() {
        Api.Reply reply = api.validate(body(uniqueCode("GHOST"), user(uniqueUser()), "10", null));

        assertEquals("COUPON_NOT_FOUND", reply.json().getString("reason"));
        assertTrue(reply.json().isNull("couponType"));
    }

    @Test
    void reportsAnUnknownUser() {
        String code = uniqueCode("ANYONE");
        timeCoupon(code, ago(1), ahead(1)).insert();

        assertReason("USER_NOT_FOUND", body(code, uniqueUser(), "10", null));
    }

    @Test
    void reportsInactiveAndExpiredCoupons() {
        String shopper = user(uniqueUser());
        String inactive = uniqueCode("OFF");
        timeCoupon(inactive, ago(1), ahead(1)).status("INACTIVE").insert();
        String expiredStatus = uniqueCode("OLD");
        timeCoupon(expiredStatus, ago(1), ahead(1)).status("EXPIRED").insert();
        String pastWindow = uniqueCode("PAST");
        timeCoupon(pastWindow, ago(10), ago(1)).insert();
        String futureWindow = uniqueCode("SOON");
        timeCoupon(futureWindow, ahead(1), ahead(10)).insert();

        assertReason("COUPON_INACTIVE", body(inactive, shopper, "10", null));
        assertReason("COUPON_EXPIRED", body(expiredStatus, shopper, "10", null));
        assertReason("COUPON_EXPIRED", body(pastWindow, shopper, "10", null));
        assertReason("COUPON_NOT_YET_VALID", body(futureWindow, shopper, "10", null));
    }

    @Test
    void reportsRedemptionLimitsAndOrdersAlreadyUsed() {
        String shopper = user(uniqueUser());
        String other = user(uniqueUser());
        String code = uniqueCode("LIMITS");
        long couponId = timeCoupon(code, ago(1), ahead(1)).limits(3, 1).insert();

        assertReason("VALID", body(code, shopper, "10", "order-1"));
        TestData.usage(couponId, other, "order-1");
        assertReason("ALREADY_USED_ON_ORDER", body(code, shopper, "10", "order-1"));
        assertReason("VALID", body(code, shopper, "10", "order-2"));
        TestData.usage(couponId, shopper, null);
        assertReason("USER_USAGE_LIMIT_REACHED", body(code, shopper, "10", "order-2"));
        TestData.usage(couponId, user(uniqueUser()), null);
        assertReason("USAGE_LIMIT_REACHED", body(code, user(uniqueUser()), "10", null));
    }

    @Test
    void appliesAPercentDiscountExactlyThenRoundsHalfUp() {
        String shopper = user(uniqueUser());
        String code = uniqueCode("PCT");
        timeCoupon(code, ago(1), ahead(1)).percent("12.5", null).insert();

        // 12.5 % of 10.05 is 1.25625: rounded half up to 1.26.
        assertDecision(api.validate(body(code, shopper, "10.05", null)), code, true, "VALID", "10.05", "1.26", "8.79");
    }

    @Test
    void neverDiscountsMoreThanTheOrder() {
        String shopper = user(uniqueUser());
        String code = uniqueCode("BIG");
        timeCoupon(code, ago(1), ahead(1)).fixed("50.00").insert();

        assertDecision(api.validate(body(code, shopper, "30", null)), code, true, "VALID", "30.00", "30.00", "0.00");
    }

    private void assertReason(String reason, String json) {
        Api.Reply reply = api.validate(json);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(reason, reply.json().getString("reason"), reply.body());
        assertEquals("VALID".equals(reason), reply.json().getBoolean("valid"));
    }

    private static void assertDecision(Api.Reply reply, String code, boolean valid, String reason, String orderValue,
                                       String discount, String finalAmount) {
        assertEquals(200, reply.status(), reply.body());
        JsonObject json = reply.json();
        assertEquals(code, json.getString("code"));
        assertEquals(valid, json.getBoolean("valid"));
        assertEquals(reason, json.getString("reason"));
        assertEquals(new BigDecimal(orderValue), json.getJsonNumber("orderValue").bigDecimalValue());
        assertEquals(new BigDecimal(discount), json.getJsonNumber("discount").bigDecimalValue());
        assertEquals(new BigDecimal(finalAmount), json.getJsonNumber("finalAmount").bigDecimalValue());
    }

    private static Instant ago(int days) {
        return Instant.now().minus(DAY.multipliedBy(days));
    }

    private static Instant ahead(int days) {
        return Instant.now().plus(DAY.multipliedBy(days));
    }
}

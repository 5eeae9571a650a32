package io.shopup.coupons.administration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopup.coupons.problems.FieldError;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeBatchRequestReaderTest {

    static final String COUPON = """
            {"type":"TIME_SPECIFIC","discountType":"FIXED","discountValue":5,
             "validFrom":"2027-01-01T00:00:00Z","validUntil":"2027-02-01T00:00:00Z"}""";

    static CodeBatchRequestReader.Read read(String json) {
        return CodeBatchRequestReader.read(Json.createReader(new StringReader(json)).readObject());
    }

    static List<String> fields(String json) {
        return read(json).errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aBatchHasACountAShapeAndASingleUseTemplate() {
        CodeBatchRequestReader.Read read = read("{\"count\":1000000,\"prefix\":\" xmas-\",\"coupon\":" + COUPON + "}");
        assertEquals(List.of(), read.errors());
        assertEquals("XMAS-", read.prefix());
        assertEquals(9, read.randomLength());
        assertEquals(1, read.template().usageLimit(), "single-use unless said otherwise");
        assertEquals(12, read(("{\"count\":5,\"length\":12,\"coupon\":" + COUPON).replace("}", ",\"usageLimit\":null}") + "}")
                .randomLength());
    }

    @Test
    void eachBrokenRuleNamesItsField() {
        assertEquals(List.of("count"), fields("{\"count\":0,\"coupon\":" + COUPON + "}"));
        assertEquals(List.of("count"), fields("{\"count\":1000001,\"coupon\":" + COUPON + "}"));
        assertEquals(List.of("count"), fields("{\"coupon\":" + COUPON + "}"));
        assertEquals(List.of("prefix"), fields("{\"count\":5,\"prefix\":\"a_b\",\"coupon\":" + COUPON + "}"));
        assertEquals(List.of("prefix"), fields("{\"count\":5,\"prefix\":\"" + "A".repeat(17) + "\",\"coupon\":" + COUPON + "}"));
        assertEquals(List.of("length"), fields("{\"count\":5,\"length\":7,\"coupon\":" + COUPON + "}"));
        assertEquals(List.of("length"), fields("{\"count\":1000000,\"length\":8,\"coupon\":" + COUPON + "}"));
        assertEquals(List.of("coupon"), fields("{\"count\":5}"));
        assertEquals(List.of("colour"), fields("{\"count\":5,\"colour\":1,\"coupon\":" + COUPON + "}"));
        assertEquals(List.of("coupon.code"), fields("{\"count\":5,\"coupon\":" + COUPON.replace("{", "{\"code\":\"X\",") + "}"));
        assertEquals(List.of("coupon.discountValue"),
                fields("{\"count\":5,\"coupon\":" + COUPON.replace("\"discountValue\":5", "\"discountValue\":0") + "}"));
        assertEquals(List.of("coupon.validUntil"),
                fields("{\"count\":5,\"coupon\":" + COUPON.replace(",\"validUntil\":\"2027-02-01T00:00:00Z\"", "") + "}"));
    }
}

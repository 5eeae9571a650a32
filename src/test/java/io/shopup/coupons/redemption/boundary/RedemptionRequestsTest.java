package io.shopup.coupons.redemption.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedemptionRequestsTest {

    @Test
    void aKeyIsOneTo255PrintableAsciiCharacters() {
        IdempotentCall call = RedemptionRequests.call("", "order-42 attempt 1", true, "POST", "api/redemptions",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("order-42 attempt 1", call.key());
        assertArrayEquals(RedemptionRequests.call("", "k", true, "POST", "p", "{}".getBytes(StandardCharsets.UTF_8))
                .bodyHash(), call.bodyHash(), "the same body, the same hash");
        RedemptionRequests.call("", "~".repeat(255), true, "POST", "p", new byte[0]);
        for (String bad : new String[] {"", "k".repeat(256), "tab\tkey", "clé"}) {
            MalformedRequestException refused = assertThrows(MalformedRequestException.class,
                    () -> RedemptionRequests.call("", bad, true, "POST", "p", new byte[0]), bad);
            assertEquals("Idempotency-Key", refused.errors().get(0).field());
        }
        assertThrows(MalformedRequestException.class, () -> RedemptionRequests.call("", null, true, "POST", "p", new byte[0]));
        assertNull(RedemptionRequests.call("", null, false, "POST", "p", new byte[0]), "optional and absent");
    }

    @Test
    void idsThatCannotExistAreUnknown() {
        UUID id = UUID.randomUUID();
        assertEquals(id, RedemptionRequests.reservationId(id.toString()));
        assertNull(RedemptionRequests.reservationId("1-2-3-4-5"), "UUID.fromString would accept it");
        assertNull(RedemptionRequests.reservationId("not-an-id"));
        assertEquals(42, RedemptionRequests.redemptionId("42"));
        for (String bad : new String[] {"", "-1", "4 2", "99999999999999999999", "1e3", "٤٢"}) {
            assertEquals(-1, RedemptionRequests.redemptionId(bad), bad);
        }
    }
}

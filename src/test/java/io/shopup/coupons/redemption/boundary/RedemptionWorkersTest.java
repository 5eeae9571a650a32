package io.shopup.coupons.redemption.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedemptionWorkersTest {

    @Test
    void asManyThreadsAsThePoolLeavesUnlessSet() {
        assertEquals(16, RedemptionWorkers.threads(0, 20), "the default pool");
        assertEquals(16, RedemptionWorkers.threads(0, 100), "at most 16 unless set");
        assertEquals(3, RedemptionWorkers.threads(0, 7));
        assertEquals(1, RedemptionWorkers.threads(0, 3), "at least one");
        assertEquals(40, RedemptionWorkers.threads(40, 20), "a setting wins");
    }
}

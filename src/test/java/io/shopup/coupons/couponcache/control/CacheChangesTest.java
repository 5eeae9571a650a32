package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheChangesTest {

    private final CacheChanges changes = new CacheChanges();

    @Test
    void mergesTheKeysOfEveryKind() {
        assertTrue(changes.add("coupons:[1,2]"));
        assertTrue(changes.add("coupons:[2,3]"));
        assertTrue(changes.add("users:[\"user_0000001\",\"a,b:c \\\"quoted\\\"\"]"));

        assertEquals(Set.of(1L, 2L, 3L), changes.coupons);
        assertEquals(Set.of("user_0000001", "a,b:c \"quoted\""), changes.users);
        assertFalse(changes.allCoupons || changes.allUsage || changes.allUsers);
    }

    @Test
    void keepsRedemptionsAddedAndRemovedInOrder() {
        assertTrue(changes.add("usage+:812:1:[[7, \"user_1\", \"order:1\"], [7, \"user_2\", null]]"));
        assertTrue(changes.add("usage-:813:2:[[9, \"user_1\", null]]"));

        assertEquals(List.of(new UsageChange(812, 7, "user_1", "order:1", 1), new UsageChange(812, 7, "user_2", null, 1),
                new UsageChange(813, 9, "user_1", null, -1)), changes.usage);
    }

    @Test
    void keepsHoldsThatBecameAndStoppedBeingHeld() {
        assertTrue(changes.add("holds+:900:3:[[\"0b4f3c1e-8d5a-4c7e-9a51-3f2b6d7e8a90\", 7, \"user_1\", \"order-1\", 1796200000000]]"));
        assertTrue(changes.add("holds-:901:4:[[\"0b4f3c1e-8d5a-4c7e-9a51-3f2b6d7e8a90\", 7, 1796200000000]]"));
        assertTrue(changes.add("holds:*"));
        assertFalse(changes.add("holds:[1]"));
        assertFalse(changes.add("holds+:902:5:[[\"id\", 7]]"), "an added hold names its user, order and expiry");

        assertEquals(List.of(
                new HoldChange(900, new LiveHolds.Hold("0b4f3c1e-8d5a-4c7e-9a51-3f2b6d7e8a90", 7, "user_1", "order-1",
                        1796200000000L), true),
                new HoldChange(901, new LiveHolds.Hold("0b4f3c1e-8d5a-4c7e-9a51-3f2b6d7e8a90", 7, null, null,
                        1796200000000L), false)),
                changes.holds);
        assertTrue(changes.allHolds);
    }

    @Test
    void aStarAsksForTheWholeTable() {
        changes.add("coupons:*");
        changes.add("usage:*");
        changes.add("users:*");

        assertTrue(changes.allCoupons && changes.allUsage && changes.allUsers);
    }

    @Test
    void keepsTheLastSyncMarker() {
        changes.add("sync:first");
        changes.add("sync:second:with-colon");

        assertEquals("second:with-colon", changes.syncMarker);
        assertFalse(changes.isEmpty());
    }

    @Test
    void ignoresPayloadsThatAreNotOurs() {
        assertFalse(changes.add("hello"));
        assertFalse(changes.add("orders:[1]"));
        assertFalse(changes.add("coupons:[\"x\"]"));
        assertFalse(changes.add("coupons:{"));
        assertFalse(changes.add("coupons:"));
        assertFalse(changes.add("coupons:[1.5]"));
        assertFalse(changes.add("usage:[7]"));
        assertFalse(changes.add("usage+:812:[[7, \"u\", null]]"));
        assertFalse(changes.add("usage+:x:1:[[7, \"u\", null]]"));
        assertFalse(changes.add("usage+:812:1:[[7, 5, null]]"));
        assertFalse(changes.add("usage-:812:1:[[7]]"));
        assertTrue(changes.isEmpty());
    }
}

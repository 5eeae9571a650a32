package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheChangesTest {

    private final CacheChanges changes = new CacheChanges();

    @Test
    void mergesTheKeysOfEveryKind() {
        assertTrue(changes.add("coupons:[1,2]"));
        assertTrue(changes.add("coupons:[2,3]"));
        assertTrue(changes.add("usage:[7]"));
        assertTrue(changes.add("users:[\"user_0000001\",\"a,b:c \\\"quoted\\\"\"]"));

        assertEquals(Set.of(1L, 2L, 3L), changes.coupons);
        assertEquals(Set.of(7L), changes.usage);
        assertEquals(Set.of("user_0000001", "a,b:c \"quoted\""), changes.users);
        assertFalse(changes.allCoupons || changes.allUsage || changes.allUsers);
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
        assertTrue(changes.isEmpty());
    }
}

package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserIdsTest {

    private final UserIds users = new UserIds();

    UserIdsTest() {
        users.replace(new SortedIds.Builder(3).add("user_1").add("user_3").add("user_5").build());
    }

    @Test
    void changesSeenAfterTheSnapshotWin() {
        users.set("user_2", true);
        users.set("user_3", false);

        assertTrue(users.contains("user_1"));
        assertTrue(users.contains("user_2"));
        assertFalse(users.contains("user_3"));
        assertEquals(3, users.size());
    }

    @Test
    void compactingKeepsTheSameAnswersWithoutPendingChanges() {
        users.set("user_0", true);
        users.set("user_2", true);
        users.set("user_3", false);
        users.set("user_4", false);
        users.set("user_9", true);

        users.compact();

        assertEquals(0, users.pendingChanges());
        for (String present : new String[] {"user_0", "user_1", "user_2", "user_5", "user_9"}) {
            assertTrue(users.contains(present), present);
        }
        for (String absent : new String[] {"user_3", "user_4", "user_6"}) {
            assertFalse(users.contains(absent), absent);
        }
        assertEquals(5, users.size());
    }

    @Test
    void aNewSnapshotDropsOlderChanges() {
        users.set("user_7", true);
        users.replace(new SortedIds.Builder(1).add("user_8").build());

        assertFalse(users.contains("user_7"));
        assertTrue(users.contains("user_8"));
        assertEquals(0, users.pendingChanges());
    }
}

package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the service announces is what the cache reads, as the triggers' notifications are. */
class AnnouncementsTest {

    @Test
    void everyAnnouncementReadsBackAsTheChangeItAnnounces() {
        CacheChanges changes = new CacheChanges();
        assertTrue(changes.add(Announcements.usageAdded("812", 7, "user \"1\"", "order:1")));
        assertTrue(changes.add(Announcements.usageRemoved("813", 7, "user_2", null)));
        assertTrue(changes.add(Announcements.holdAdded("814", "h-1", 9, "user_1", "order-9", 1796200000000L)));
        assertTrue(changes.add(Announcements.holdRemoved("815", "h-1", 9, 1796200000000L)));

        assertEquals(List.of(new UsageChange(812, 7, "user \"1\"", "order:1", 1), new UsageChange(813, 7, "user_2", null, -1)),
                changes.usage);
        assertEquals(List.of(new HoldChange(814, new LiveHolds.Hold("h-1", 9, "user_1", "order-9", 1796200000000L), true),
                new HoldChange(815, new LiveHolds.Hold("h-1", 9, null, null, 1796200000000L), false)), changes.holds);
    }

    @Test
    void twoEqualChangesAreTwoPayloads() {
        // PostgreSQL folds equal payloads of one transaction: the announcer sends many in one.
        assertNotEquals(Announcements.usageAdded("1", 7, "u", null), Announcements.usageAdded("1", 7, "u", null));
    }
}

package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loads' reads, on temporary tables that hide the real ones for this connection: the users'
 * load reads the primary key's order when it is the ids' byte order, and has PostgreSQL sort them
 * otherwise (with the collations a database may have); the coupons' validity windows arrive exact.
 */
class CacheQueriesIT {

    /** Byte order and an ICU collation (case and punctuation count less) disagree on these. */
    private static final List<String> IDS = List.of("user_10", "User_2", "user1", "user-3", "USER_4", "a b", "ab",
            "\u00e9l\u00e8ve", "eleve", "zz");

    @Test
    void loadsUsersInByteOrderFromAKeyInTheByteOrder() throws SQLException {
        List<String> loaded = loadFromUsersTableCollated("C");
        assertEquals(byteOrder(IDS), loaded);
    }

    @Test
    void loadsUsersInByteOrderFromAKeyInAnotherOrder() throws SQLException {
        List<String> loaded = loadFromUsersTableCollated("en-x-icu");
        assertEquals(byteOrder(IDS), loaded);
        assertFalse(CacheQueries.keyOrderIsByteOrder(), "the next loads go straight to the sorted query");
        // The next load goes straight to the sorted query, and gives the same answer.
        assertEquals(byteOrder(IDS), loadFromUsersTableCollated("C"));
    }

    @Test
    void readsTheValidityWindowToTheMicrosecondAndInfinityAsTheEndOfTime() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE coupons (LIKE public.coupons INCLUDING DEFAULTS) ON COMMIT DROP");
                s.execute("""
                        INSERT INTO coupons (id, code, type, status, discount_type, discount_value, valid_from, valid_until)
                        VALUES (1, 'WINDOW', 'TIME_SPECIFIC', 'ACTIVE', 'FIXED', 5,
                                TIMESTAMPTZ '1969-12-31 23:59:59.999999Z', TIMESTAMPTZ '2026-12-03 10:00:00.123456Z'),
                               (2, 'FOREVER', 'TIME_SPECIFIC', 'ACTIVE', 'FIXED', 5, '-infinity', 'infinity'),
                               (3, 'OPEN', 'TIME_SPECIFIC', 'ACTIVE', 'FIXED', 5, NULL, NULL)""");
            }
            Map<String, CouponSnapshot> loaded = new HashMap<>();
            CacheQueries.coupons(c, coupon -> loaded.put(coupon.code(), coupon));
            c.rollback();
            assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), loaded.get("WINDOW").validFrom());
            assertEquals(Instant.parse("2026-12-03T10:00:00.123456Z"), loaded.get("WINDOW").validUntil());
            assertTrue(loaded.get("FOREVER").validFrom().isBefore(Instant.parse("-4000-01-01T00:00:00Z")));
            assertTrue(loaded.get("FOREVER").validUntil().isAfter(Instant.parse("+200000-01-01T00:00:00Z")));
            assertNull(loaded.get("OPEN").validFrom());
            assertNull(loaded.get("OPEN").validUntil());
        }
    }

    private static List<String> loadFromUsersTableCollated(String collation) throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE users (id text COLLATE \"" + collation + "\" PRIMARY KEY) ON COMMIT DROP");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (id) VALUES (?)")) {
                for (String id : IDS) {
                    insert.setString(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                // Small tables are sorted rather than read from the index: ask for the index.
                s.execute("SET LOCAL enable_sort = off");
                s.execute("ANALYZE users");
            }
            SortedIds ids = CacheQueries.users(c);
            c.rollback();
            List<String> loaded = new ArrayList<>();
            ids.forEach(loaded::add);
            for (String id : IDS) {
                assertTrue(ids.contains(id), id);
            }
            return loaded;
        }
    }

    private static List<String> byteOrder(List<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(SortedIds::compare);
        return sorted;
    }
}

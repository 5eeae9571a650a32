package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashCountsTest {

    @Test
    void countsRepeatsInTheSortedArray() {
        HashCounts counts = new HashCounts(new long[] {-5, 3, 3, 3, 8});

        assertEquals(1, counts.count(-5));
        assertEquals(3, counts.count(3));
        assertEquals(0, counts.count(4));
    }

    @Test
    void changesAddToAndTakeFromTheCountsWithoutGoingBelowZero() {
        HashCounts counts = new HashCounts(new long[] {3, 3});

        counts.add(3, -1);
        counts.add(7, 1);
        counts.add(7, 1);
        counts.add(9, -1);
        counts.add(3, -5);

        assertEquals(0, counts.count(3));
        assertEquals(2, counts.count(7));
        assertEquals(0, counts.count(9));
    }

    @Test
    void manyChangesAreMergedIntoTheArrayWithTheSameCounts() {
        Random random = new Random(42);
        Map<Long, Integer> expected = new HashMap<>();
        HashCounts counts = new HashCounts(new long[0]);
        for (int i = 0; i < 5 * HashCounts.MAX_RECENT; i++) {
            long hash = random.nextInt(3 * HashCounts.MAX_RECENT) - HashCounts.MAX_RECENT;
            int delta = random.nextInt(4) == 0 ? -1 : 1;
            int before = expected.getOrDefault(hash, 0);
            expected.put(hash, Math.max(0, before + delta));
            counts.add(hash, delta);
        }
        for (Map.Entry<Long, Integer> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), counts.count(entry.getKey()), "hash " + entry.getKey());
        }
        assertTrue(counts.bytes() < 16 + 8L * 5 * HashCounts.MAX_RECENT + 80L * HashCounts.MAX_RECENT,
                counts.bytes() + " bytes");
    }
}

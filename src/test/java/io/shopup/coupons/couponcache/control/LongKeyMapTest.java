package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongKeyMapTest {

    @Test
    void behavesAsAHashMapThroughPutsAndRemovesOfCollidingKeys() {
        Random random = new Random(7);
        Map<Long, String> expected = new HashMap<>();
        LongKeyMap<String> map = new LongKeyMap<>(4);
        for (int i = 0; i < 200_000; i++) {
            // A narrow range of keys, so that probes collide, slots are reused and the table grows.
            long key = random.nextInt(5_000) - 2_500L;
            if (i % 1_000 == 0) {
                key = Long.MIN_VALUE;
            }
            if (random.nextInt(3) == 0) {
                assertEquals(expected.remove(key), map.remove(key), "remove " + key);
            } else {
                assertEquals(expected.put(key, "v" + i), map.put(key, "v" + i), "put " + key);
            }
        }
        assertEquals(expected.size(), map.size());
        for (long key = -2_600; key < 2_600; key++) {
            assertEquals(expected.get(key), map.get(key), "get " + key);
        }
        assertEquals(expected.get(Long.MIN_VALUE), map.get(Long.MIN_VALUE));
        assertNull(map.get(Long.MAX_VALUE));
    }
}

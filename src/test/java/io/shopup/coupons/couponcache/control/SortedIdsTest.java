package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SortedIdsTest {

    @Test
    void findsEveryIdItHoldsAndNoOther() {
        SortedIds.Builder builder = new SortedIds.Builder(2);
        IntStream.rangeClosed(1, 5_000).mapToObj(n -> String.format("user_%07d", n)).forEach(builder::add);
        SortedIds ids = builder.build();

        assertEquals(5_000, ids.size());
        for (int n = 1; n <= 5_000; n++) {
            assertTrue(ids.contains(String.format("user_%07d", n)));
        }
        assertFalse(ids.contains("user_0000000"));
        assertFalse(ids.contains("user_0005001"));
        assertFalse(ids.contains("user_000000"));
        assertFalse(ids.contains("user_00000011"));
        assertFalse(ids.contains(""));
    }

    @Test
    void ordersByUtf8BytesAsPostgresCollateCDoes() {
        // 'Z' < 'a' < 'é' (0xC3 0xA9) < '😀' (0xF0 ...) by bytes; UTF-16 would put U+FFFD after the emoji.
        List<String> inByteOrder = List.of("Z", "a", "é", "\uFFFD", "😀");
        SortedIds.Builder builder = new SortedIds.Builder(0);
        inByteOrder.forEach(builder::add);
        SortedIds ids = builder.build();

        inByteOrder.forEach(id -> assertTrue(ids.contains(id), id));
        List<String> iterated = new ArrayList<>();
        ids.forEach(iterated::add);
        assertEquals(inByteOrder, iterated);
    }

    @Test
    void idsOfAnyLengthAndWithNothingSharedAreKeptExactly() {
        List<String> ids = List.of("a", "a" + "x".repeat(200), "a" + "x".repeat(200) + "y", "b" + "z".repeat(40_000), "c");
        SortedIds.Builder builder = new SortedIds.Builder(1, 1);
        ids.forEach(builder::add);
        SortedIds built = builder.build();

        ids.forEach(id -> assertTrue(built.contains(id), id.length() + " characters"));
        assertFalse(built.contains("a" + "x".repeat(199)));
        assertFalse(built.contains("b"));
        List<String> iterated = new ArrayList<>();
        built.forEach(iterated::add);
        assertEquals(ids, iterated);
    }

    @Test
    void sequentialIdsTakeAFewBytesEach() {
        SortedIds.Builder builder = new SortedIds.Builder(100_000, 1_200_000);
        IntStream.rangeClosed(1, 100_000).mapToObj(n -> String.format("user_%07d", n)).forEach(builder::add);
        SortedIds ids = builder.build();

        assertTrue(ids.bytes() < 5 * 100_000, ids.bytes() + " bytes");
        assertTrue(ids.contains("user_0099999"));
        assertFalse(ids.contains("user_0100001"));
    }

    @Test
    void refusesIdsOutOfOrderOrRepeated() {
        SortedIds.Builder builder = new SortedIds.Builder(2).add("b");
        assertThrows(IllegalArgumentException.class, () -> builder.add("a"));
        assertThrows(IllegalArgumentException.class, () -> builder.add("b"));
    }

    @Test
    void anEmptySetHoldsNothing() {
        assertFalse(SortedIds.EMPTY.contains("user_0000001"));
        assertEquals(0, SortedIds.EMPTY.size());
    }
}

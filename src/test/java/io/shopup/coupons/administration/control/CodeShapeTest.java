package io.shopup.coupons.administration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeShapeTest {

    @Test
    void theRandomPartIsTheShortestThatKeepsAGuessAtOneInAMillion() {
        for (long count : new long[] {1, 20_000, 851_000, 852_000, 1_000_000}) {
            int length = CodeShape.minRandomLength(count);
            assertTrue(length >= 8, "at least 8");
            assertTrue(count / Math.pow(31, length) <= 1e-6, count + " codes of " + length);
            if (length > 8) {
                assertTrue(count / Math.pow(31, length - 1) > 1e-6, "one shorter would do for " + count);
            }
        }
        assertEquals(8, CodeShape.minRandomLength(20_000));
        assertEquals(9, CodeShape.minRandomLength(1_000_000));
    }

    @Test
    void drawnCodesAreDistinctOfTheAlphabetWithThePrefix() {
        List<String> codes = new CodeShape("SUMMER-", 8).draw(10_000);
        assertEquals(10_000, new HashSet<>(codes).size());
        for (String code : codes) {
            assertTrue(code.matches("SUMMER-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}"), code);
        }
    }

    @Test
    void aPrefixIsUpToSixteenOfTheCodeCharactersButTheUnderscore() {
        assertTrue(CodeShape.isPrefix(""));
        assertTrue(CodeShape.isPrefix("XMAS-2027-A"));
        assertTrue(CodeShape.isPrefix("A".repeat(16)));
        assertFalse(CodeShape.isPrefix("A".repeat(17)));
        assertFalse(CodeShape.isPrefix("X_MAS"));
        assertFalse(CodeShape.isPrefix("xmas"));
    }
}

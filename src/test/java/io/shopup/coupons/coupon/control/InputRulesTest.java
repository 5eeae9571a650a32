package io.shopup.coupons.coupon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputRulesTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource({
            "SUMMER-10,        SUMMER-10",
            "summer_10,        SUMMER_10",
            "' user-test ',    USER-TEST",
            "'\tMiXeD-Case\t', MIXED-CASE",
            "a,                A",
            "0123456789,       0123456789"})
    void codesAreTrimmedAndUpperCased(String raw, String expected) {
        assertEquals(expected, InputRules.normaliseCode(raw));
    }

    @Test
    void aCodeMayHaveSixtyFourCharacters() {
        assertEquals("A".repeat(64), InputRules.normaliseCode("a".repeat(64)));
    }

    @Test
    void surroundingWhitespaceDoesNotCountTowardsTheLength() {
        assertEquals("A".repeat(64), InputRules.normaliseCode("  " + "a".repeat(64) + "  "));
    }

    @Test
    void aCodeMayNotHaveSixtyFiveCharacters() {
        assertNull(InputRules.normaliseCode("A".repeat(65)));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "   ", "\t\n", "SUMMER 10", "SUMMER.10", "CAF\u00c9", "caf\u00e9", "A\u0000",
            "\u0000A", "A+B", "A/B", "A'B", "A%", "\uFF21", "A" + EMOJI})
    void codesOutsideTheAlphabetAreRefused(String raw) {
        assertNull(InputRules.normaliseCode(raw));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"user_0000001", "u", " user_0000001 ", "order #1 (web)", "\u00e9l\u00e8ve", EMOJI,
            "a b"})
    void identifiersAreAcceptedAsGiven(String value) {
        assertTrue(InputRules.isIdentifier(value));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "    ", "\u00a0", "\u3000", "\u2003 \u2003"})
    void emptyOrWhitespaceOnlyIdentifiersAreRefused(String value) {
        assertFalse(InputRules.isIdentifier(value));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"user\u0000", "\u0000", "user\t1", "user\n", "\u007f", "user\u0085", "\u001b[0m"})
    void controlCharactersAreRefused(String value) {
        assertFalse(InputRules.isIdentifier(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ma\u00df", "\u0131d", "\ufb01", "\u212a"})
    void lettersThatUpperCaseIntoTheAlphabetAreStillRefused(String raw) {
        assertNull(InputRules.normaliseCode(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200b", "user\u202e", "\ufeffuser", "user\ue000"})
    void invisibleFormatAndPrivateUseCharactersAreRefused(String value) {
        assertFalse(InputRules.isIdentifier(value));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"user\uD800", "\uDC00user", "a\uDE00\uD83Db"})
    void unpairedSurrogatesAreRefused(String value) {
        assertFalse(InputRules.isIdentifier(value));
    }

    @Test
    void anIdentifierMayHaveSixtyFourCodePoints() {
        assertTrue(InputRules.isIdentifier("a".repeat(64)));
    }

    @Test
    void anEmojiCountsAsOneCodePoint() {
        String value = "a".repeat(63) + EMOJI;
        assertEquals(65, value.length());
        assertTrue(InputRules.isIdentifier(value));
        assertTrue(InputRules.isIdentifier(EMOJI.repeat(64)));
    }

    @Test
    void anIdentifierMayNotHaveSixtyFiveCodePoints() {
        assertFalse(InputRules.isIdentifier("a".repeat(65)));
        assertFalse(InputRules.isIdentifier("a".repeat(64) + EMOJI));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.01,           0.01",
            "10,             10.00",
            "10.5,           10.50",
            "10.000,         10.00",
            "1E+2,           100.00",
            "1000000000,     1000000000.00",
            "1000000000.000, 1000000000.00"})
    void acceptableOrderValuesGetTwoDecimals(String value, String expected) {
        BigDecimal normalised = InputRules.orderValue(new BigDecimal(value));
        assertEquals(new BigDecimal(expected), normalised);
        assertEquals(2, normalised.scale());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "0.00", "-0.01", "-10", "10.005", "0.001", "1E-3", "1000000000.01", "1E+10"})
    void unacceptableOrderValuesAreRefused(String value) {
        assertNull(InputRules.orderValue(new BigDecimal(value)));
    }
}

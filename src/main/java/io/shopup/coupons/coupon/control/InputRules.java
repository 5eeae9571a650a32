package io.shopup.coupons.coupon.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * What a well-formed request looks like: coupon codes, user and order ids, and order values.
 * Each method answers null or false for input that must be refused as malformed.
 */
public final class InputRules {

    public static final int MAX_TEXT_LENGTH = 64;
    public static final String CODE_RULE = "must be 1 to 64 characters of A-Z, 0-9, '-' and '_' after trimming";
    public static final String IDENTIFIER_RULE = "must be 1 to 64 printable characters, at least one of them not whitespace";
    public static final BigDecimal MAX_ORDER_VALUE = new BigDecimal("1000000000");

    private InputRules() {
    }

    /**
     * Codes match case-insensitively after trimming surrounding whitespace; the stored form is
     * upper case, 1 to 64 characters of {@code A-Z 0-9 - _}.
     *
     * @return the normalised code, or null when it is not a valid code
     */
    public static String normaliseCode(String raw) {
        String code = raw.strip();
        if (code.isEmpty() || code.length() > MAX_TEXT_LENGTH) {
            return null;
        }
        // Checked before upper-casing: Unicode case mapping turns some letters into ASCII ("ß" into "SS").
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!allowed) {
                return null;
            }
        }
        return code.toUpperCase(Locale.ROOT);
    }

    /**
     * User and order ids are taken as given (not trimmed): 1 to 64 printable characters, at least
     * one of them not whitespace. Not printable: control and format characters (NUL, zero-width
     * space, bidirectional overrides), unpaired surrogates, private-use and unassigned code points.
     */
    public static boolean isIdentifier(String value) {
        int count = 0;
        boolean visible = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!isPrintable(cp)) {
                return false;
            }
            visible |= !Character.isWhitespace(cp) && !Character.isSpaceChar(cp);
            count++;
            i += Character.charCount(cp);
        }
        return count >= 1 && count <= MAX_TEXT_LENGTH && visible;
    }

    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    /**
     * An order value is more than 0, at most 1,000,000,000 and a whole number of cents
     * ({@code 10.000} is fine, {@code 10.005} is not).
     *
     * @return the value with exactly two decimals, or null when it is not acceptable
     */
    public static BigDecimal orderValue(BigDecimal value) {
        if (value.signum() <= 0 || value.compareTo(MAX_ORDER_VALUE) > 0) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 2) {
            return null;
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }
}

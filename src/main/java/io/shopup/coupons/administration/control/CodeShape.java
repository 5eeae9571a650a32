package io.shopup.coupons.administration.control;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of generated codes: an optional prefix, then characters drawn with {@link SecureRandom}
 * from an alphabet without the look-alikes {@code 0 O 1 I L}. The random part is at least 8
 * characters, and as long as it takes for one random guess to hit any code of a batch with
 * probability at most one in a million: {@code count / 31^length <= 10^-6}.
 */
public final class CodeShape {

    public static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public static final int MIN_RANDOM_LENGTH = 8;
    public static final int MAX_PREFIX_LENGTH = 16;
    public static final int MAX_CODE_LENGTH = 64;
    static final BigInteger GUESSES_PER_HIT = BigInteger.valueOf(1_000_000);
    private static final BigInteger ALPHABET_SIZE = BigInteger.valueOf(ALPHABET.length());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final int randomLength;

    public CodeShape(String prefix, int randomLength) {
        this.prefix = prefix;
        this.randomLength = randomLength;
    }

    /** The shortest random part a batch of {@code count} codes may have. */
    public static int minRandomLength(long count) {
        BigInteger needed = BigInteger.valueOf(count).multiply(GUESSES_PER_HIT);
        int length = MIN_RANDOM_LENGTH;
        while (ALPHABET_SIZE.pow(length).compareTo(needed) < 0) {
            length++;
        }
        return length;
    }

    /** True when the prefix is 0 to 16 characters of {@code A-Z 0-9 -}. */
    public static boolean isPrefix(String prefix) {
        return prefix.length() <= MAX_PREFIX_LENGTH && prefix.chars()
                .allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
    }

    /** {@code count} distinct new codes (they may still exist in the table: the insert tells). */
    public List<String> draw(int count) {
        Set<String> codes = new LinkedHashSet<>(count * 2);
        char[] code = new char[prefix.length() + randomLength];
        prefix.getChars(0, prefix.length(), code, 0);
        while (codes.size() < count) {
            for (int i = prefix.length(); i < code.length; i++) {
                code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
            }
            codes.add(new String(code));
        }
        return List.copyOf(codes);
    }
}

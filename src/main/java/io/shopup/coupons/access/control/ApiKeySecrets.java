package io.shopup.coupons.access.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Making, hashing and reading the secrets of API keys. */
public final class ApiKeySecrets {

    /** The contract's shortest secret given in {@code COUPONS_API_KEYS}. */
    public static final int MIN_LENGTH = 24;
    /** Longer than any secret anyone would type; a longer header is not a key. */
    public static final int MAX_LENGTH = 200;
    private static final String PREFIX = "ck_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One digest per thread: looking a digest up by name on every request costs more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private ApiKeySecrets() {
    }

    /** 256 random bits, URL-safe, with a prefix that lets secret scanners recognise a leaked key. */
    public static String generate() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /**
     * SHA-256: a secret has far too much entropy for a dictionary, so a fast hash is as safe as a
     * slow one and costs about a microsecond per request instead of milliseconds.
     */
    public static byte[] hash(String secret) {
        return SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A key given at start: its name and secret. */
    public record Given(String name, String secret) {
    }

    /**
     * {@code COUPONS_API_KEYS}: comma-separated {@code name:secret}. Entries that break the rules
     * are named (never their secrets) in {@code problems} and left out.
     */
    public static List<Given> parse(String setting, List<String> problems) {
        List<Given> keys = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return keys;
        }
        int position = 0;
        for (String entry : setting.split(",")) {
            position++;
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                problems.add("entry " + position + " is not name:secret");
                continue;
            }
            String name = trimmed.substring(0, colon).trim();
            String secret = trimmed.substring(colon + 1).trim();
            if (name.length() > 100) {
                problems.add("entry " + position + ": the name is longer than 100 characters");
            } else if (secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH) {
                problems.add("key '" + name + "': the secret must have " + MIN_LENGTH + " to " + MAX_LENGTH
                        + " characters");
            } else if (!printable(secret)) {
                problems.add("key '" + name + "': the secret must be printable ASCII without spaces");
            } else {
                keys.add(new Given(name, secret));
            }
        }
        return keys;
    }

    static boolean printable(String secret) {
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}

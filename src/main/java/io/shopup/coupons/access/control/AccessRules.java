package io.shopup.coupons.access.control;

import io.shopup.coupons.access.entity.ApiKey;
import io.shopup.coupons.access.entity.Audience;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a request may reach an endpoint, from its {@code Authorization} header and the
 * groups of its verified token (if any). Every refusal of one kind reads the
 * same, so that no answer says whether a key exists or was revoked.
 */
public final class AccessRules {

    public static final String API_KEY_SCHEME = "ApiKey";
    public static final String BEARER_SCHEME = "Bearer";

    private AccessRules() {
    }

    /** What to do with a request. */
    public sealed interface Verdict permits Allowed, Unauthenticated, Forbidden {
    }

    /** @param key the checkout's key, or null for a person */
    public record Allowed(ApiKey key) implements Verdict {
    }

    /** {@code 401} with {@code WWW-Authenticate: <scheme> realm="coupons"}. */
    public record Unauthenticated(String scheme) implements Verdict {
    }

    /** {@code 403}: a person without the group the endpoint needs. */
    public record Forbidden() implements Verdict {
    }

    /**
     * @param authorization the header, or null
     * @param keys          finds the live key of a secret, or null
     * @param groups        the groups of the request's valid token, or null when it has none
     */
    public static Verdict decide(Audience audience, String authorization, Function<String, ApiKey> keys,
                                 Set<String> groups) {
        if (audience == Audience.CHECKOUT) {
            String secret = credential(authorization, API_KEY_SCHEME);
            ApiKey key = secret == null ? null : keys.apply(secret);
            return key == null ? new Unauthenticated(API_KEY_SCHEME) : new Allowed(key);
        }
        if (groups == null || credential(authorization, BEARER_SCHEME) == null) {
            return new Unauthenticated(BEARER_SCHEME);
        }
        if (groups.contains(Audience.ADMIN_GROUP)
                || (audience == Audience.READER && groups.contains(Audience.ANALYST_GROUP))) {
            return new Allowed(null);
        }
        return new Forbidden();
    }

    /** The credential after {@code <scheme> } (the scheme in any case, RFC 9110), or null. */
    public static String credential(String authorization, String scheme) {
        if (authorization == null || authorization.length() <= scheme.length() + 1
                || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                || authorization.charAt(scheme.length()) != ' ') {
            return null;
        }
        String credential = authorization.substring(scheme.length() + 1).trim();
        return credential.isEmpty() ? null : credential;
    }
}

package io.shopup.coupons.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.shopup.coupons.access.entity.ApiKey;
import io.shopup.coupons.access.entity.Audience;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final String SECRET = "ck_a-secret-of-enough-length-000";
    private static final ApiKey KEY = new ApiKey(UUID.randomUUID(), "shop", ApiKeySecrets.hash(SECRET), Instant.EPOCH, null);
    private static final Function<String, ApiKey> KEYS = secret -> secret.equals(SECRET) ? KEY : null;

    @Test
    void aCheckoutEndpointTakesALiveKeyInAnyCaseOfTheScheme() {
        assertSame(KEY, ((AccessRules.Allowed) AccessRules.decide(Audience.CHECKOUT, "ApiKey " + SECRET, KEYS, null)).key());
        assertSame(KEY, ((AccessRules.Allowed) AccessRules.decide(Audience.CHECKOUT, "apikey " + SECRET, KEYS, null)).key());
    }

    @Test
    void aCheckoutEndpointRefusesEverythingElseAlike() {
        for (String header : new String[] {null, "", "ApiKey", "ApiKey ", "ApiKey x", "ApiKey" + SECRET,
                "Bearer " + SECRET, "Basic " + SECRET}) {
            assertEquals(new AccessRules.Unauthenticated("ApiKey"), AccessRules.decide(Audience.CHECKOUT, header, KEYS,
                    Set.of(Audience.ADMIN_GROUP)), String.valueOf(header));
        }
    }

    @Test
    void peopleNeedATokenAndTheirGroup() {
        String bearer = "Bearer a.b.c";
        assertEquals(new AccessRules.Unauthenticated("Bearer"), AccessRules.decide(Audience.READER, null, KEYS, null));
        assertEquals(new AccessRules.Unauthenticated("Bearer"),
                AccessRules.decide(Audience.ADMIN, "ApiKey " + SECRET, KEYS, null), "a key is no credential here");
        assertInstanceOf(AccessRules.Allowed.class, AccessRules.decide(Audience.READER, bearer, KEYS, Set.of(Audience.ANALYST_GROUP)));
        assertInstanceOf(AccessRules.Allowed.class, AccessRules.decide(Audience.READER, bearer, KEYS, Set.of(Audience.ADMIN_GROUP)));
        assertInstanceOf(AccessRules.Allowed.class, AccessRules.decide(Audience.ADMIN, bearer, KEYS, Set.of(Audience.ADMIN_GROUP)));
        assertInstanceOf(AccessRules.Forbidden.class, AccessRules.decide(Audience.ADMIN, bearer, KEYS, Set.of(Audience.ANALYST_GROUP)));
        assertInstanceOf(AccessRules.Forbidden.class, AccessRules.decide(Audience.READER, bearer, KEYS, Set.of("other")));
    }

    @Test
    void theRingFindsOnlyLiveKeys() {
        ApiKeyRing ring = new ApiKeyRing();
        ApiKey revoked = new ApiKey(UUID.randomUUID(), "old", ApiKeySecrets.hash("ck_revoked-secret-of-length-00"),
                Instant.EPOCH, Instant.EPOCH);
        ring.replace(java.util.List.of(KEY, revoked));
        assertSame(KEY, ring.find(SECRET));
        assertNull(ring.find("ck_revoked-secret-of-length-00"));
        assertNull(ring.find("ck_unknown"));
        assertNull(ring.find(null));
        assertEquals(1, ring.size());
    }

    @Test
    void givenKeysBreakingTheRulesAreNamedWithoutTheirSecrets() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        var keys = ApiKeySecrets.parse("shop:" + SECRET + ", short:tooshort, nosecret, bad:" + "x y".repeat(10), problems);
        assertEquals(1, keys.size());
        assertEquals("shop", keys.get(0).name());
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(0, problems.stream().filter(p -> p.contains("tooshort")).count(), "no secret in a message");
    }

    @Test
    void generatedSecretsAreLongAndDistinct() {
        String one = ApiKeySecrets.generate();
        assertEquals(46, one.length());
        assertEquals(false, one.equals(ApiKeySecrets.generate()));
    }
}

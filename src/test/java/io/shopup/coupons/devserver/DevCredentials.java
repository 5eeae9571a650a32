package io.shopup.coupons.devserver;

import io.shopup.coupons.access.control.ApiKeySecrets;
import io.shopup.coupons.access.entity.Audience;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Credentials for a developer's first run, kept in {@code .data/dev} (ignored by git): a checkout
 * key, given to the service in {@code COUPONS_API_KEYS}, and an admin token signed by a key pair of
 * the launcher's own, whose public key the service trusts. The README's curl examples read both
 * files. Where the environment names an identity provider ({@code MP_JWT_VERIFY_ISSUER}), the
 * launcher trusts that one instead and mints no token.
 */
final class DevCredentials {

    static final String ISSUER = "coupons-dev";
    static final Duration TOKEN_LIFETIME = Duration.ofDays(7);

    private DevCredentials() {
    }

    /** @return the settings to give the service */
    static Map<String, String> prepare(Path dir, Map<String, String> env) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> settings = new HashMap<>();
        Path keyFile = dir.resolve("checkout-key");
        if (!Files.isRegularFile(keyFile)) {
            Files.writeString(keyFile, ApiKeySecrets.generate());
        }
        String key = Files.readString(keyFile).strip();
        String given = env.getOrDefault("COUPONS_API_KEYS", "");
        settings.put("COUPONS_API_KEYS", (given.isBlank() ? "" : given + ",") + "dev-checkout:" + key);
        System.out.println("Development checkout key (in " + keyFile + "): " + key);
        if (env.getOrDefault("MP_JWT_VERIFY_ISSUER", "").isBlank()) {
            JwtIssuer issuer = JwtIssuer.keptIn(dir, ISSUER);
            settings.put("MP_JWT_VERIFY_ISSUER", ISSUER);
            settings.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir.resolve("jwt-public.pem").toUri().toString());
            Path tokenFile = dir.resolve("admin-token");
            Files.writeString(tokenFile, issuer.token("developer", TOKEN_LIFETIME, Audience.ADMIN_GROUP));
            System.out.println("Development admin token (" + Audience.ADMIN_GROUP + ", 7 days) in " + tokenFile);
        }
        System.out.println("Try: curl -s -X POST localhost:" + env.getOrDefault("HTTP_PORT", "8080")
                + "/api/coupons/validate -H \"Authorization: ApiKey $(cat .data/dev/checkout-key)\""
                + " -H 'Content-Type: application/json'"
                + " -d '{\"code\":\"SAVE10\",\"userId\":\"u-1001\",\"orderValue\":120.00}'");
        return settings;
    }
}

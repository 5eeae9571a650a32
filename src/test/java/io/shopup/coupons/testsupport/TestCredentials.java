package io.shopup.coupons.testsupport;

import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.devserver.JwtIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The tests' credentials: the checkout key the build gives the service in {@code COUPONS_API_KEYS},
 * and tokens signed by a key pair generated for this test run, whose public key the service reads
 * from {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}.
 */
public final class TestCredentials {

    public static final String ISSUER = "coupons-test";
    private static volatile JwtIssuer issuer;
    private static volatile String adminToken;

    private TestCredentials() {
    }

    /** Before the server starts: a fresh key pair, its public half where the service looks. */
    static void prepare() {
        issuer = JwtIssuer.generate(ISSUER);
        try {
            issuer.writePublicKey(Path.of(System.getProperty("coupons.test.jwt.public-key")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JwtIssuer issuer() {
        if (issuer == null) {
            throw new IllegalStateException("no test key pair: the test session did not start (run with failsafe)");
        }
        return issuer;
    }

    public static String checkoutKey() {
        return System.getProperty("coupons.test.api-key");
    }

    public static String checkoutAuthorization() {
        return "ApiKey " + checkoutKey();
    }

    public static String adminAuthorization() {
        String token = adminToken;
        if (token == null) {
            token = issuer().token("test-admin", Duration.ofHours(2), Audience.ADMIN_GROUP);
            adminToken = token;
        }
        return "Bearer " + token;
    }

    public static String analystAuthorization() {
        return "Bearer " + issuer().token("test-analyst", Duration.ofHours(2), Audience.ANALYST_GROUP);
    }
}

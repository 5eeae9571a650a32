package io.shopup.coupons.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.shopup.coupons.devserver.JwtIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {

    private static final JwtIssuer ISSUER = JwtIssuer.generate("https://idp.example/realms/shop");

    private static String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ISSUER.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void aValidTokenGivesItsGroups() {
        TokenVerifier verifier = TokenVerifier.of(ISSUER.issuer(), pem(), null);
        assertEquals(Set.of("coupons-admin", "x"), verifier.groups(ISSUER.token("ann", Duration.ofMinutes(5), "coupons-admin", "x")));
        assertEquals(Set.of(), verifier.groups(ISSUER.token("ann", Duration.ofMinutes(5))));
    }

    @Test
    void anythingElseIsNoToken() {
        TokenVerifier verifier = TokenVerifier.of(ISSUER.issuer(), pem(), null);
        Instant past = Instant.now().minus(Duration.ofHours(1));
        assertNull(verifier.groups(ISSUER.token("ann", past, past.plusSeconds(60), "coupons-admin")), "expired");
        assertNull(verifier.groups(JwtIssuer.generate(ISSUER.issuer()).token("ann", Duration.ofMinutes(5))), "another key");
        assertNull(verifier.groups(JwtIssuer.generate("https://other").token("ann", Duration.ofMinutes(5))), "another issuer");
        assertNull(TokenVerifier.of("https://other", pem(), null).groups(ISSUER.token("ann", Duration.ofMinutes(5))),
                "a token of an issuer not trusted");
        assertNull(verifier.groups("not.a.token"));
        assertNull(verifier.groups(""));
        assertNull(TokenVerifier.refusingAll().groups(ISSUER.token("ann", Duration.ofMinutes(5))));
    }

    @Test
    void theKeyMayBeAJwksOrAFile(@TempDir Path dir) throws Exception {
        String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) ISSUER.publicKey()).build()).toString();
        String token = ISSUER.token("ann", Duration.ofMinutes(5), "coupons-analyst");
        assertEquals(Set.of("coupons-analyst"), TokenVerifier.of(ISSUER.issuer(), jwks, null).groups(token));
        Path file = dir.resolve("key.pem");
        Files.writeString(file, pem());
        assertEquals(Set.of("coupons-analyst"), TokenVerifier.of(ISSUER.issuer(), null, file.toUri().toString()).groups(token));
        assertThrows(IllegalArgumentException.class, () -> TokenVerifier.of(ISSUER.issuer(), "garbage", null));
    }
}

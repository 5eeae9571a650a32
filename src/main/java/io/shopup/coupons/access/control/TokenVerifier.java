package io.shopup.coupons.access.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies people's tokens as MicroProfile JWT 2.1 defines them, with its settings: signed RS256
 * or ES256 by the configured key ({@code mp.jwt.verify.publickey}, a PEM or a JWKS, or
 * {@code mp.jwt.verify.publickey.location}, a file or an HTTPS JWKS that is fetched and cached),
 * {@code typ: JWT}, the configured issuer, {@code sub}, {@code exp}, {@code iat} and {@code jti}
 * present, not expired (a minute of clock skew); the {@code groups} claim holds the roles.
 */
public final class TokenVerifier {

    private static final Set<String> REQUIRED = Set.of("sub", "exp", "iat", "jti");
    private final DefaultJWTProcessor<SecurityContext> processor;

    private TokenVerifier(DefaultJWTProcessor<SecurityContext> processor) {
        this.processor = processor;
    }

    /** A verifier that refuses every token: no identity provider is configured. */
    public static TokenVerifier refusingAll() {
        return new TokenVerifier(null);
    }

    /**
     * @param publicKey a PEM public key or a JWKS, or null
     * @param location  where to read one ({@code file:}, {@code https:}, {@code http:}), or null
     * @throws IllegalArgumentException when the key cannot be read
     */
    public static TokenVerifier of(String issuer, String publicKey, String location) {
        JWKSource<SecurityContext> keys;
        try {
            if (publicKey != null && !publicKey.isBlank()) {
                keys = new ImmutableJWKSet<>(parse(publicKey));
            } else if (location.startsWith("http:") || location.startsWith("https:")) {
                keys = JWKSourceBuilder.create(new URL(location)).build();
            } else {
                try (InputStream in = URI.create(location).toURL().openStream()) {
                    keys = new ImmutableJWKSet<>(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException | ParseException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the token key cannot be read: " + e.getMessage(), e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED));
        return new TokenVerifier(processor);
    }

    /** Who a valid token speaks for: its subject, and its groups (empty when it has none). */
    public record Person(String subject, Set<String> groups) {
    }

    /** The token's groups (empty when it has none), or null when it is not a valid token. */
    public Set<String> groups(String token) {
        Person person = person(token);
        return person == null ? null : person.groups();
    }

    /** The person of a valid token, or null. */
    public Person person(String token) {
        if (processor == null || token == null || token.length() > 16_384) {
            return null;
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            List<String> groups = claims.getStringListClaim("groups");
            return new Person(claims.getSubject(), groups == null ? Set.of() : new HashSet<>(groups));
        } catch (ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException
                 | RuntimeException e) {
            return null;
        }
    }

    /** A JWKS, or a PEM public key (RSA or EC P-256). */
    static JWKSet parse(String text) throws ParseException, GeneralSecurityException {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return JWKSet.parse(trimmed);
        }
        byte[] der = Base64.getMimeDecoder().decode(trimmed.replaceAll("-----[A-Z ]+-----", ""));
        return new JWKSet(jwk(der));
    }

    private static JWK jwk(byte[] der) throws GeneralSecurityException {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return new RSAKey.Builder((RSAPublicKey) key).build();
        } catch (GeneralSecurityException notRsa) {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            return new ECKey.Builder(Curve.P_256, (ECPublicKey) key).build();
        }
    }
}

package io.shopup.coupons.devserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An identity provider of its own, for development and tests: an RSA key pair and RS256 tokens
 * with the claims MicroProfile JWT requires ({@code typ}, {@code iss}, {@code sub}, {@code exp},
 * {@code iat}, {@code jti}) and the {@code groups} the service maps to its roles.
 */
public final class JwtIssuer {

    private final KeyPair keys;
    private final String issuer;

    private JwtIssuer(KeyPair keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    public static JwtIssuer generate(String issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new JwtIssuer(generator.generateKeyPair(), issuer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair kept in {@code dir} (made there the first time), so that tokens outlive a restart. */
    public static JwtIssuer keptIn(Path dir, String issuer) throws IOException {
        Path privateKey = dir.resolve("jwt-private.pem");
        Path publicKey = dir.resolve("jwt-public.pem");
        if (Files.isRegularFile(privateKey) && Files.isRegularFile(publicKey)) {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new JwtIssuer(new KeyPair(
                        rsa.generatePublic(new X509EncodedKeySpec(pem(publicKey))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(privateKey)))), issuer);
            } catch (GeneralSecurityException e) {
                throw new IOException("unreadable key pair in " + dir + ": delete it to make a new one", e);
            }
        }
        JwtIssuer fresh = generate(issuer);
        Files.createDirectories(dir);
        Files.writeString(privateKey, pem("PRIVATE KEY", fresh.keys.getPrivate().getEncoded()));
        fresh.writePublicKey(publicKey);
        return fresh;
    }

    public String issuer() {
        return issuer;
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    public void writePublicKey(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
    }

    /** A token valid from now for {@code lifetime}. */
    public String token(String subject, Duration lifetime, String... groups) {
        Instant now = Instant.now();
        return token(subject, now, now.plus(lifetime), groups);
    }

    public String token(String subject, Instant issuedAt, Instant expiresAt, String... groups) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", List.of(groups))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] pem(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }

}

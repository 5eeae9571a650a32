package io.shopup.coupons.access.control;

import io.shopup.coupons.access.entity.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys that may call the Integration API right now, held in memory so that checking one costs
 * a hash and a map lookup. Replaced as a whole whenever the key table is read again.
 */
@ApplicationScoped
public class ApiKeyRing {

    private volatile Map<Digest, ApiKey> active = Map.of();
    private volatile boolean loaded;

    /** The live key whose secret this is, or null (unknown or revoked: the caller cannot tell which). */
    public ApiKey find(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > ApiKeySecrets.MAX_LENGTH) {
            return null;
        }
        byte[] hash = ApiKeySecrets.hash(secret);
        ApiKey key = active.get(new Digest(hash));
        // The map found the key by its hash; comparing again in constant time costs nothing and
        // keeps the final decision free of any early exit.
        return key != null && MessageDigest.isEqual(key.secretHash(), hash) ? key : null;
    }

    /** Every key of the table; revoked ones are left out. */
    public void replace(List<ApiKey> keys) {
        Map<Digest, ApiKey> fresh = new HashMap<>();
        for (ApiKey key : keys) {
            if (!key.revoked()) {
                fresh.put(new Digest(key.secretHash()), key);
            }
        }
        active = Map.copyOf(fresh);
        loaded = true;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public int size() {
        return active.size();
    }

    /** A hash as a map key. */
    private record Digest(byte[] bytes) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Digest digest && Arrays.equals(bytes, digest.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}

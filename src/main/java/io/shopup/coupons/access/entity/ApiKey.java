package io.shopup.coupons.access.entity;

import java.time.Instant;
import java.util.UUID;

/** A checkout backend's key, without its secret: only the secret's SHA-256 hash is ever kept. */
public record ApiKey(UUID id, String name, byte[] secretHash, Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}

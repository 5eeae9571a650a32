package io.shopup.coupons.access.control;

import io.shopup.coupons.access.entity.ApiKey;
import io.shopup.coupons.platform.NativeSql;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The SQL of the {@code api_keys} table. */
public final class ApiKeyQueries {

    private static final String COLUMNS = "id, name, secret_hash, created_at, revoked_at";
    private static final String ALL = "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id";
    private static final String INSERT = """
            INSERT INTO api_keys (id, name, secret_hash, created_at, origin)
            VALUES (:id, :name, :hash, :now, :origin)
            ON CONFLICT (secret_hash) DO NOTHING
            RETURNING\s""" + COLUMNS;
    private static final String REVOKE = """
            UPDATE api_keys SET revoked_at = COALESCE(revoked_at, :now) WHERE id = :id
            RETURNING\s""" + COLUMNS;

    private ApiKeyQueries() {
    }

    public static List<ApiKey> all(EntityManager em) {
        return NativeSql.of(em, ALL).all().stream().map(ApiKeyQueries::key).toList();
    }

    /** The new key, or null when a key with this secret exists already (revoked or not). */
    public static ApiKey insert(EntityManager em, String name, byte[] hash, Instant now, String origin) {
        Tuple row = NativeSql.of(em, INSERT).uuid("id", UUID.randomUUID()).text("name", name).bytes("hash", hash)
                .time("now", now).text("origin", origin).one();
        return row == null ? null : key(row);
    }

    /** The key as revoked (first revocation's time kept), or null when there is no such key. */
    public static ApiKey revoke(EntityManager em, UUID id, Instant now) {
        Tuple row = NativeSql.of(em, REVOKE).uuid("id", id).time("now", now).one();
        return row == null ? null : key(row);
    }

    private static ApiKey key(Tuple row) {
        return new ApiKey(row.get("id", UUID.class), row.get("name", String.class), row.get("secret_hash", byte[].class),
                row.get("created_at", Instant.class), row.get("revoked_at", Instant.class));
    }
}

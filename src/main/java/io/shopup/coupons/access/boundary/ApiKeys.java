package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.control.ApiKeyQueries;
import io.shopup.coupons.access.control.ApiKeySecrets;
import io.shopup.coupons.access.entity.ApiKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The key table: creating, listing and revoking checkout keys. */
@Stateless
public class ApiKeys {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    Clock clock;

    /** A created key and its secret, which exists nowhere else from here on. */
    public record Created(ApiKey key, String secret) {
    }

    public Created create(String name) {
        String secret = ApiKeySecrets.generate();
        return new Created(ApiKeyQueries.insert(em, name, ApiKeySecrets.hash(secret), clock.instant(), "api"), secret);
    }

    /** Keys given at start; one that exists already (even revoked) stays as it is. */
    public void bootstrap(List<ApiKeySecrets.Given> given) {
        for (ApiKeySecrets.Given key : given) {
            ApiKeyQueries.insert(em, key.name(), ApiKeySecrets.hash(key.secret()), clock.instant(), "environment");
        }
    }

    public List<ApiKey> all() {
        return ApiKeyQueries.all(em);
    }

    /** The revoked key, or null when there is none with this id. */
    public ApiKey revoke(UUID id) {
        return ApiKeyQueries.revoke(em, id, clock.instant());
    }
}

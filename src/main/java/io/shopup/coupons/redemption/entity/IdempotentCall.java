package io.shopup.coupons.redemption.entity;

/**
 * A request that carries an {@code Idempotency-Key}: who asked (the caller's scope, empty until
 * callers authenticate), the key, and what identifies the request (method, path, a hash of the body).
 */
public record IdempotentCall(String scope, String key, String method, String path, byte[] bodyHash) {
}

package io.shopup.coupons.testsupport;

import java.util.UUID;

/** A checkout's calls of the redemption endpoints, each with a fresh idempotency key unless given one. */
public final class Checkout {

    private final Api api;

    public Checkout(Api api) {
        this.api = api;
    }

    public static String body(String code, String userId, String orderId, String orderValue) {
        return "{\"code\":\"" + code + "\",\"userId\":\"" + userId + "\",\"orderId\":\"" + orderId
                + "\",\"orderValue\":" + orderValue + "}";
    }

    public static String key() {
        return UUID.randomUUID().toString();
    }

    public Api.Reply hold(String json, String key) {
        return api.call("POST", "api/reservations", json, "Idempotency-Key", key);
    }

    public Api.Reply hold(String code, String userId, String orderId) {
        return hold(body(code, userId, orderId, "100"), key());
    }

    public Api.Reply redeem(String json, String key) {
        return api.call("POST", "api/redemptions", json, "Idempotency-Key", key);
    }

    public Api.Reply redeem(String code, String userId, String orderId) {
        return redeem(body(code, userId, orderId, "100"), key());
    }

    public Api.Reply reservation(String id) {
        return api.call("GET", "api/reservations/" + id, null);
    }

    public Api.Reply commit(String id) {
        return api.call("POST", "api/reservations/" + id + "/commit", null);
    }

    public Api.Reply release(String id) {
        return api.call("DELETE", "api/reservations/" + id, null);
    }

    public Api.Reply redemption(String id) {
        return api.call("GET", "api/redemptions/" + id, null);
    }

    public Api.Reply rollBack(String id, String reason) {
        return api.call("POST", "api/redemptions/" + id + "/rollback",
                reason == null ? null : "{\"reason\":\"" + reason + "\"}");
    }
}

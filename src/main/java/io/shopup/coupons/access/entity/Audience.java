package io.shopup.coupons.access.entity;

/** Who may call an endpoint (DOMAIN.md, "Who may call what"). */
public enum Audience {
    /** Checkout backends, with {@code Authorization: ApiKey <secret>}: the Integration API. */
    CHECKOUT,
    /** People with the {@code coupons-analyst} or {@code coupons-admin} group: the reports and reads. */
    READER,
    /** People with the {@code coupons-admin} group: everything under {@code /api/admin}. */
    ADMIN;

    public static final String ADMIN_GROUP = "coupons-admin";
    public static final String ANALYST_GROUP = "coupons-analyst";
}

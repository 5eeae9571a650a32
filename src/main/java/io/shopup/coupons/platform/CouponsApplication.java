package io.shopup.coupons.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API lives at the root of the context: {@code /api/...}. Who may call what is decided
 * by {@code AccessFilter}; the server's own authentication mechanisms stay off, as each of them
 * runs on every request (README, "Access").
 */
@ApplicationPath("/")
public class CouponsApplication extends Application {
}

package io.shopup.coupons.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives at the root of the context: {@code /api/...}. */
@ApplicationPath("/")
public class CouponsApplication extends Application {
}

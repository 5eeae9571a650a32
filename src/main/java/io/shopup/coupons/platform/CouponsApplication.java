package io.shopup.coupons.platform;

import io.shopup.coupons.access.entity.Audience;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST API lives at the root of the context: {@code /api/...}. People authenticate with
 * MicroProfile JWT (the annotation switches the server's mechanism on; it must sit on a CDI bean,
 * hence the scope); who may call what is decided by {@code AccessFilter}.
 */
@ApplicationPath("/")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Audience.ADMIN_GROUP, Audience.ANALYST_GROUP})
public class CouponsApplication extends Application {
}

package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.control.AccessMeters;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import io.shopup.coupons.access.entity.Throttled;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** {@code 429} for a request an abuse limit refused. */
@Provider
public class ThrottledMapper implements ExceptionMapper<Throttled> {

    @Context
    ResourceInfo resource;

    @Inject
    AccessMeters meters;

    @Override
    public Response toResponse(Throttled refused) {
        meters.refused(resource.getResourceMethod(), 429, refused.type());
        return AccessProblems.throttled(refused);
    }
}

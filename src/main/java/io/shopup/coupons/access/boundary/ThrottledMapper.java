package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.entity.Throttled;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** {@code 429} for a request an abuse limit refused. */
@Provider
public class ThrottledMapper implements ExceptionMapper<Throttled> {

    @Override
    public Response toResponse(Throttled refused) {
        return AccessProblems.throttled(refused);
    }
}

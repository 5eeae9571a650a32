package io.shopup.coupons.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class MalformedRequestMapper implements ExceptionMapper<MalformedRequestException> {

    @Override
    public Response toResponse(MalformedRequestException e) {
        String type = switch (e.status()) {
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            default -> "malformed-request";
        };
        return ProblemResponses.problem(e.status(), type, e.title(), e.getMessage(), e.errors()).build();
    }
}

package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.problems.ProblemResponses;
import io.shopup.coupons.redemption.entity.Answer;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/** An {@link Answer} as an HTTP response. */
final class AnswerResponses {

    private AnswerResponses() {
    }

    /** @param base the application's base URI, against which a {@code Location} resolves */
    static Response of(Answer answer, URI base) {
        Response.ResponseBuilder response = Response.status(answer.status());
        if (answer.status() != 204) {
            response.type(answer.status() >= 400 ? ProblemResponses.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                    .entity(answer.body());
        }
        if (answer.location() != null) {
            response.location(UriBuilder.fromUri(base).path(answer.location()).build());
        }
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        if (answer.retryAfterSeconds() > 0) {
            response.header("Retry-After", answer.retryAfterSeconds());
        }
        return response.build();
    }
}

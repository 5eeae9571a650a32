package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.control.AccessRules;
import io.shopup.coupons.access.entity.Throttled;
import io.shopup.coupons.problems.ProblemResponses;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The problem documents of refused access: {@code 401}, {@code 403} and {@code 429}. */
public final class AccessProblems {

    static final String REALM = " realm=\"coupons\"";

    private AccessProblems() {
    }

    /** The same answer for a missing, malformed, unknown or revoked credential. */
    static Response unauthenticated(String scheme) {
        return ProblemResponses.problem(401, "unauthorized", "Unauthorized", detail(scheme), List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, scheme + REALM).build();
    }

    public static String detail(String scheme) {
        return AccessRules.API_KEY_SCHEME.equals(scheme)
                ? "This endpoint needs the header 'Authorization: ApiKey <secret>' with a live API key."
                : "This endpoint needs the header 'Authorization: Bearer <token>' with a valid token.";
    }

    static Response forbidden() {
        return ProblemResponses.problem(403, "forbidden", "Forbidden",
                "The token's groups do not include one this endpoint needs.", List.of()).build();
    }

    static Response throttled(Throttled refused) {
        Response.ResponseBuilder answer = ProblemResponses.problem(429, refused.type(), "Too many requests",
                refused.detail(), List.of()).header("Retry-After", refused.retryAfterSeconds());
        answer.header("RateLimit-Limit", refused.limit()).header("RateLimit-Remaining", 0)
                .header("RateLimit-Reset", refused.retryAfterSeconds());
        return answer.build();
    }

    static void rateHeaders(MultivaluedMap<String, Object> headers, long limit, long remaining, long nanosToReset) {
        headers.putSingle("RateLimit-Limit", limit);
        headers.putSingle("RateLimit-Remaining", remaining);
        headers.putSingle("RateLimit-Reset", (nanosToReset + 999_999_999L) / 1_000_000_000L);
    }
}

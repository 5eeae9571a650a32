package io.shopup.coupons.problems;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

@Provider
public class DatabaseUnavailableMapper implements ExceptionMapper<DatabaseUnavailableException> {

    static final String RETRY_AFTER_SECONDS = "1";

    @Override
    public Response toResponse(DatabaseUnavailableException e) {
        return unavailable();
    }

    static Response unavailable() {
        return ProblemResponses.problem(503, "database-unavailable", "Service unavailable",
                        "The coupon database cannot be reached right now; retry shortly.", List.of())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}

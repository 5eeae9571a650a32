package io.shopup.coupons.problems;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

@Provider
public class ReportsBusyMapper implements ExceptionMapper<ReportsBusyException> {

    @Override
    public Response toResponse(ReportsBusyException e) {
        return ProblemResponses.problem(503, "reports-busy", "Service unavailable",
                        "Too many reports are running; retry shortly.", List.of())
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailableMapper.RETRY_AFTER_SECONDS)
                .build();
    }
}

package io.shopup.coupons.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything nobody planned for. The client gets an incident id and nothing else; the stack trace
 * goes to the server log under that id. A database fault that reaches here wrapped in a container
 * exception is still a 503.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (DatabaseFaults.isUnavailable(e)) {
            return DatabaseUnavailableMapper.unavailable();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
        return ProblemResponses.problem(500, "internal-error", "Internal server error",
                "The request failed unexpectedly (incident " + incident + ").", List.of()).build();
    }
}

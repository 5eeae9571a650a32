package io.shopup.coupons.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappingTest {

    @Test
    void connectionTimeoutAndResourceFailuresAreUnavailability() {
        assertTrue(DatabaseFaults.isUnavailable(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseFaults.isUnavailable(new RuntimeException(new SQLException("canceled", "57014"))));
        assertTrue(DatabaseFaults.isUnavailable(new RuntimeException(new SQLException("too many", "53300"))));
        assertTrue(DatabaseFaults.isUnavailable(new RuntimeException(new SQLException("pool",
                new ResourceException("In-use connections equal max-pool-size")))));
    }

    @Test
    void bugsAreNotUnavailability() {
        assertFalse(DatabaseFaults.isUnavailable(new RuntimeException(new SQLException("syntax", "42601"))));
        assertFalse(DatabaseFaults.isUnavailable(new IllegalStateException("no cause")));
    }

    @Test
    void anUnexpectedFailureIsA500ThatLeaksNothing() {
        Response response = new UnexpectedFailureMapper().toResponse(
                new EJBException(new IllegalStateException("SELECT secret FROM internals")));

        assertEquals(500, response.getStatus());
        assertEquals(ProblemResponses.MEDIA_TYPE, response.getMediaType().toString());
        String body = (String) response.getEntity();
        assertFalse(body.contains("SELECT") || body.contains("Exception") || body.contains("\tat "), body);
        assertTrue(body.contains("incident"), body);
    }

    @Test
    void aWrappedDatabaseFaultIsStillA503WithRetryAfter() {
        Response response = new UnexpectedFailureMapper().toResponse(
                new EJBException(new RuntimeException(new SQLException("gone", "08006"))));

        assertEquals(503, response.getStatus());
        assertEquals(DatabaseUnavailableMapper.RETRY_AFTER_SECONDS, response.getHeaderString("Retry-After"));
    }
}

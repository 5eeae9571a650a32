package io.shopup.coupons.validationlog.boundary;

import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.coupon.control.InputRules;
import io.shopup.coupons.validationlog.control.LogCursor;
import io.shopup.coupons.validationlog.control.LogQueries;
import io.shopup.coupons.validationlog.control.LogRecordJson;
import io.shopup.coupons.validationlog.entity.LogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/validation-logs?code=&userId=&valid=&limit=&before=}: the log newest first, for
 * audits. {@code limit} defaults to 50 and is capped at 500; {@code nextBefore} in the answer is
 * the {@code before} of the next page, absent on the last one.
 */
@ApplicationScoped
@Access(Audience.READER)
@Path("api/validation-logs")
public class ValidationLogResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ValidationLogReports reports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list(@QueryParam("code") String code, @QueryParam("userId") String userId,
                       @QueryParam("valid") String valid, @QueryParam("limit") String limit,
                       @QueryParam("before") String before) {
        List<FieldError> errors = new ArrayList<>();
        String normalisedCode = code == null ? null : InputRules.normaliseCode(code);
        if (code != null && normalisedCode == null) {
            errors.add(FieldError.parameter("code", InputRules.CODE_RULE));
        }
        if (userId != null && !InputRules.isIdentifier(userId)) {
            errors.add(FieldError.parameter("userId", InputRules.IDENTIFIER_RULE));
        }
        Boolean validOnly = null;
        if (valid != null) {
            if (!valid.equals("true") && !valid.equals("false")) {
                errors.add(FieldError.parameter("valid", "must be true or false"));
            } else {
                validOnly = Boolean.valueOf(valid);
            }
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Math.min(Integer.parseInt(limit), MAX_LIMIT);
                if (size < 1) {
                    errors.add(FieldError.parameter("limit", "must be at least 1"));
                }
            } catch (NumberFormatException e) {
                errors.add(FieldError.parameter("limit", "must be a whole number"));
            }
        }
        LogCursor cursor = before == null ? null : LogCursor.parse(before);
        if (before != null && cursor == null) {
            errors.add(FieldError.parameter("before", "must be a nextBefore value or an ISO-8601 instant"));
        }
        if (!errors.isEmpty()) {
            throw MalformedRequestException.badRequest("The query has invalid parameters.", errors);
        }
        List<LogEntry> page = reports.list(new LogQueries.LogFilter(normalisedCode, userId, validOnly), cursor, size);
        return write(page, size);
    }

    private static String write(List<LogEntry> page, int limit) {
        StringWriter out = new StringWriter(256 * (page.size() + 1));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject().writeStartArray("items");
            for (LogEntry entry : page) {
                json.writeStartObject().write("id", entry.id());
                LogRecordJson.writeFields(json, entry.record());
                json.writeEnd();
            }
            json.writeEnd();
            if (page.size() == limit) {
                LogEntry last = page.get(page.size() - 1);
                json.write("nextBefore", new LogCursor(last.record().validatedAt(), last.id()).toString());
            }
            json.writeEnd();
        }
        return out.toString();
    }
}

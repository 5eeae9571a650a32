package io.shopup.coupons.validationlog.boundary;

import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.coupon.control.InputRules;
import io.shopup.coupons.validationlog.entity.CouponStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/coupons/{code}/stats?from=&to=}: how a coupon's validations went in a period
 * ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants; the last 24 hours by default).
 */
@ApplicationScoped
@Access(Audience.READER)
@Path("api/coupons/{code}/stats")
public class CouponStatsResource {

    static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ValidationLogReports reports;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String stats(@PathParam("code") String code, @QueryParam("from") String from, @QueryParam("to") String to) {
        List<FieldError> errors = new ArrayList<>();
        String normalised = InputRules.normaliseCode(code);
        if (normalised == null) {
            errors.add(FieldError.parameter("code", InputRules.CODE_RULE));
        }
        Instant end = instant("to", to, clock.instant(), errors);
        Instant start = instant("from", from, end == null ? null : end.minus(DEFAULT_PERIOD), errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(FieldError.parameter("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw MalformedRequestException.badRequest("The query has invalid parameters.", errors);
        }
        return write(reports.stats(normalised, start, end));
    }

    static Instant instant(String field, String text, Instant fallback, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(FieldError.parameter(field, "must be an ISO-8601 instant such as 2026-11-29T00:00:00Z"));
            return null;
        }
    }

    private static String write(CouponStats stats) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject()
                    .write("code", stats.code())
                    .write("from", stats.from().toString())
                    .write("to", stats.to().toString())
                    .write("attempts", stats.attempts())
                    .write("valid", stats.valid())
                    .write("invalid", stats.invalid())
                    .writeStartObject("byReason");
            for (Map.Entry<String, Long> reason : stats.byReason().entrySet()) {
                json.write(reason.getKey(), reason.getValue());
            }
            json.writeEnd().write("totalDiscount", stats.totalDiscount());
            number(json, "averageResponseTimeMs", stats.averageResponseTimeMs());
            number(json, "p95ResponseTimeMs", stats.p95ResponseTimeMs());
            json.writeEnd();
        }
        return out.toString();
    }

    private static void number(JsonGenerator json, String name, BigDecimal value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }
}

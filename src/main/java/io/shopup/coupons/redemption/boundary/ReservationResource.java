package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.redemption.control.RedemptionMeters;
import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.coupon.control.CouponRequestReader;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.platform.http.IdempotencyKeyHeader;
import io.shopup.coupons.platform.http.JsonRequestBody;
import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.redemption.control.AnswerJson;
import io.shopup.coupons.redemption.control.TransientRetry;
import io.shopup.coupons.redemption.entity.Outcome;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code /api/reservations}: hold a coupon for an order, then commit or release the hold. */
@RequestScoped
@Path("api/reservations")
@Access(Audience.CHECKOUT)
public class ReservationResource {

    static final int MIN_TTL_SECONDS = 60;
    static final int MAX_TTL_SECONDS = 86_400;
    static final int DEFAULT_TTL_SECONDS = 900;

    @EJB
    CouponHolds holds;

    @Inject
    RedemptionWorkers workers;

    @Inject
    CheckoutGuards guards;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest http;

    @POST
    public void hold(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                     @HeaderParam(RedemptionRequests.IDEMPOTENCY_KEY) String key, InputStream body,
                     @Suspended AsyncResponse async) throws IOException {
        JsonRequestBody.requireJson(contentType);
        byte[] bytes = JsonRequestBody.read(body);
        JsonObject json = CouponRequestReader.parseObject(bytes);
        List<FieldError> errors = new ArrayList<>();
        ValidationRequest request = CouponRequestReader.read(json, true, errors);
        int ttl = ttlSeconds(json, errors);
        // Every error at once, the header's among the body's.
        IdempotencyKeyHeader.error(key, true).ifPresent(errors::add);
        CouponRequestReader.refuse(errors);
        IdempotentCall call = RedemptionRequests.call(CheckoutGuards.scope(http), key, true, "POST", "api/reservations", bytes);
        String address = guards.admit(http, request);
        answer(async, RedemptionMeters.Operation.HOLD, () -> {
            guards.countUnknownCode(request, address);
            return TransientRetry.run(() -> holds.hold(call, request, ttl));
        });
    }

    @GET
    @Path("{id}")
    public void find(@PathParam("id") String id, @Suspended AsyncResponse async) {
        UUID reservation = RedemptionRequests.reservationId(id);
        answer(async, RedemptionMeters.Operation.READ_HOLD, () -> reservation == null ? Outcome.of(AnswerJson.notFound("reservation")) : holds.find(reservation));
    }

    @POST
    @Path("{id}/commit")
    public void commit(@PathParam("id") String id, @HeaderParam(RedemptionRequests.IDEMPOTENCY_KEY) String key,
                       @Suspended AsyncResponse async) {
        IdempotentCall call = RedemptionRequests.call(CheckoutGuards.scope(http), key, false, "POST", "api/reservations/" + id + "/commit",
                new byte[0]);
        UUID reservation = RedemptionRequests.reservationId(id);
        answer(async, RedemptionMeters.Operation.COMMIT, () -> reservation == null ? Outcome.of(AnswerJson.notFound("reservation"))
                : TransientRetry.run(() -> holds.commit(call, reservation)));
    }

    @DELETE
    @Path("{id}")
    public void release(@PathParam("id") String id, @Suspended AsyncResponse async) {
        UUID reservation = RedemptionRequests.reservationId(id);
        answer(async, RedemptionMeters.Operation.RELEASE, () -> reservation == null ? Outcome.of(AnswerJson.notFound("reservation"))
                : TransientRetry.run(() -> holds.release(null, reservation)));
    }

    /** The request's input was read on this thread; its transaction runs on a redemption thread. */
    private void answer(AsyncResponse async, RedemptionMeters.Operation operation, Supplier<Outcome> transaction) {
        workers.answer(async, uri.getBaseUri(), operation, transaction);
    }

    private static int ttlSeconds(JsonObject json, List<FieldError> errors) {
        JsonValue value = json.get("ttlSeconds");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return DEFAULT_TTL_SECONDS;
        }
        if (value instanceof JsonNumber number && number.isIntegral()
                && number.bigDecimalValue().compareTo(BigDecimal.valueOf(MIN_TTL_SECONDS)) >= 0
                && number.bigDecimalValue().compareTo(BigDecimal.valueOf(MAX_TTL_SECONDS)) <= 0) {
            return number.intValue();
        }
        errors.add(new FieldError("ttlSeconds", "must be a whole number of seconds from " + MIN_TTL_SECONDS
                + " to " + MAX_TTL_SECONDS));
        return DEFAULT_TTL_SECONDS;
    }
}

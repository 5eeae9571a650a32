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
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code /api/redemptions}: redeem a coupon in one step, and roll a redemption back. */
@RequestScoped
@Path("api/redemptions")
@Access(Audience.CHECKOUT)
public class RedemptionResource {

    static final int MAX_REASON_LENGTH = 200;

    @EJB
    CouponRedemptions redemptions;

    @Inject
    RedemptionWorkers workers;

    @Inject
    CheckoutGuards guards;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest http;

    @POST
    public void redeem(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                       @HeaderParam(RedemptionRequests.IDEMPOTENCY_KEY) String key, InputStream body,
                       @Suspended AsyncResponse async) throws IOException {
        JsonRequestBody.requireJson(contentType);
        byte[] bytes = JsonRequestBody.read(body);
        List<FieldError> errors = new ArrayList<>();
        ValidationRequest request = CouponRequestReader.read(CouponRequestReader.parseObject(bytes), true, errors);
        // Every error at once, the header's among the body's.
        IdempotencyKeyHeader.error(key, true).ifPresent(errors::add);
        CouponRequestReader.refuse(errors);
        IdempotentCall call = RedemptionRequests.call(CheckoutGuards.scope(http), key, true, "POST", "api/redemptions", bytes);
        String address = guards.admit(http, request);
        answer(async, RedemptionMeters.Operation.REDEEM, () -> {
            guards.countUnknownCode(request, address);
            return TransientRetry.run(() -> redemptions.redeem(call, request));
        });
    }

    @GET
    @Path("{id}")
    public void find(@PathParam("id") String id, @Suspended AsyncResponse async) {
        long redemption = RedemptionRequests.redemptionId(id);
        answer(async, RedemptionMeters.Operation.READ_REDEMPTION, () -> redemption < 0 ? Outcome.of(AnswerJson.notFound("redemption")) : redemptions.find(redemption));
    }

    /** The body is optional: {@code {"reason": "..."}}, at most 200 characters. */
    @POST
    @Path("{id}/rollback")
    public void rollBack(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         @HeaderParam(RedemptionRequests.IDEMPOTENCY_KEY) String key, InputStream body,
                         @Suspended AsyncResponse async) throws IOException {
        byte[] bytes = JsonRequestBody.read(body);
        String reason = bytes.length == 0 ? null : reason(contentType, bytes);
        IdempotentCall call = RedemptionRequests.call(CheckoutGuards.scope(http), key, false, "POST", "api/redemptions/" + id + "/rollback", bytes);
        long redemption = RedemptionRequests.redemptionId(id);
        answer(async, RedemptionMeters.Operation.ROLLBACK, () -> redemption < 0 ? Outcome.of(AnswerJson.notFound("redemption"))
                : TransientRetry.run(() -> redemptions.rollBack(call, redemption, reason)));
    }

    private static String reason(String contentType, byte[] body) {
        JsonRequestBody.requireJson(contentType);
        JsonObject json = CouponRequestReader.parseObject(body);
        List<FieldError> errors = new ArrayList<>();
        String reason = CouponRequestReader.string(json, "reason", false, errors);
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON_LENGTH + " characters"));
        }
        CouponRequestReader.refuse(errors);
        return reason;
    }

    /** The request's input was read on this thread; its transaction runs on a redemption thread. */
    private void answer(AsyncResponse async, RedemptionMeters.Operation operation, Supplier<Outcome> transaction) {
        workers.answer(async, uri.getBaseUri(), operation, transaction);
    }
}

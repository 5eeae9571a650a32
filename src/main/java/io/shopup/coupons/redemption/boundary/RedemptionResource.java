package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.coupon.control.CouponRequestReader;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.platform.http.JsonRequestBody;
import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.redemption.control.AnswerJson;
import io.shopup.coupons.redemption.control.TransientRetry;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/redemptions}: redeem a coupon in one step, and roll a redemption back. */
@RequestScoped
@Path("api/redemptions")
public class RedemptionResource {

    static final int MAX_REASON_LENGTH = 200;

    @EJB
    CouponRedemptions redemptions;

    @Context
    UriInfo uri;

    @POST
    public Response redeem(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(RedemptionRequests.IDEMPOTENCY_KEY) String key, InputStream body)
            throws IOException {
        JsonRequestBody.requireJson(contentType);
        byte[] bytes = JsonRequestBody.read(body);
        List<FieldError> errors = new ArrayList<>();
        ValidationRequest request = CouponRequestReader.read(CouponRequestReader.parseObject(bytes), true, errors);
        CouponRequestReader.refuse(errors);
        IdempotentCall call = RedemptionRequests.call(key, true, "POST", "api/redemptions", bytes);
        return AnswerResponses.of(TransientRetry.run(() -> redemptions.redeem(call, request)), uri);
    }

    @GET
    @Path("{id}")
    public Response find(@PathParam("id") String id) {
        long redemption = RedemptionRequests.redemptionId(id);
        return AnswerResponses.of(redemption < 0 ? AnswerJson.notFound("redemption") : redemptions.find(redemption), uri);
    }

    /** The body is optional: {@code {"reason": "..."}}, at most 200 characters. */
    @POST
    @Path("{id}/rollback")
    public Response rollBack(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                             @HeaderParam(RedemptionRequests.IDEMPOTENCY_KEY) String key, InputStream body)
            throws IOException {
        byte[] bytes = JsonRequestBody.read(body);
        String reason = null;
        if (bytes.length > 0) {
            JsonRequestBody.requireJson(contentType);
            JsonObject json = CouponRequestReader.parseObject(bytes);
            List<FieldError> errors = new ArrayList<>();
            reason = CouponRequestReader.string(json, "reason", false, errors);
            if (reason != null && reason.length() > MAX_REASON_LENGTH) {
                errors.add(new FieldError("reason", "must be at most " + MAX_REASON_LENGTH + " characters"));
            }
            CouponRequestReader.refuse(errors);
        }
        IdempotentCall call = RedemptionRequests.call(key, false, "POST", "api/redemptions/" + id + "/rollback", bytes);
        long redemption = RedemptionRequests.redemptionId(id);
        if (redemption < 0) {
            return AnswerResponses.of(AnswerJson.notFound("redemption"), uri);
        }
        String why = reason;
        return AnswerResponses.of(TransientRetry.run(() -> redemptions.rollBack(call, redemption, why)), uri);
    }
}

package io.shopup.coupons.validation.boundary;

import io.shopup.coupons.access.boundary.GuessGuard;
import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.coupon.control.CouponRequestReader;
import io.shopup.coupons.coupon.entity.Reason;
import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.platform.http.JsonRequestBody;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.validationlog.control.DecisionRecords;
import io.shopup.coupons.validationlog.control.LogBuffer;
import io.shopup.coupons.validation.control.ValidationMeters;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/coupons/validate}: every decision, valid or not, is a 200 with the decision
 * body and one record in the validation log; malformed input is a 4xx problem document and is
 * not logged. Application scoped because a request-scoped
 * resource costs a bean per request on the hottest path of the service.
 */
@ApplicationScoped
@Path("api/coupons/validate")
@Access(Audience.CHECKOUT)
public class ValidationResource {

    // @EJB, not @Inject: through CDI's proxy Payara throws and catches an exception on every call.
    @EJB
    CouponValidator validator;

    @Inject
    LogBuffer log;

    @Inject
    Clock clock;

    @Inject
    ValidationMeters meters;

    @Inject
    GuessGuard guesses;

    /** Off only to measure what logging costs; the contract wants every decision logged. */
    @Inject
    @ConfigProperty(name = "validationlog.enabled", defaultValue = "true")
    boolean logging;

    @Context
    HttpServletRequest http;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
                           @HeaderParam("X-Forwarded-For") String forwardedFor,
                           InputStream body) throws IOException {
        long started = System.nanoTime();
        JsonRequestBody.requireJson(contentType);
        ValidationRequest request = CouponRequestReader.read(JsonRequestBody.read(body));
        String address = guesses.address(http.getRemoteAddr(), forwardedFor);
        guesses.check(request.userId(), address);
        ValidationDecision decision = validator.validate(request);
        if (decision.reason() == Reason.COUPON_NOT_FOUND) {
            // A refused guess is answered 429 and is no decision: it is not logged.
            guesses.unknownCode(request.userId(), address);
        }
        String answer = DecisionJson.write(decision);
        long nanos = System.nanoTime() - started;
        meters.decided(decision.reason(), nanos);
        if (logging) {
            log.offer(DecisionRecords.of(request, decision, address, userAgent, nanos, clock.instant()));
        }
        return answer;
    }
}

package io.shopup.coupons.validation.boundary;

import io.shopup.coupons.validation.entity.ValidationDecision;
import io.shopup.coupons.validation.entity.ValidationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /api/coupons/validate}: every decision, valid or not, is a 200 with the decision
 * body; malformed input is a 4xx problem document. Application scoped because a request-scoped
 * resource costs a bean per request on the hottest path of the service.
 */
@ApplicationScoped
@Path("api/coupons/validate")
public class ValidationResource {

    @Inject
    CouponValidator validator;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body)
            throws IOException {
        JsonRequestBody.requireJson(contentType);
        ValidationRequest request = ValidationRequestReader.read(JsonRequestBody.read(body));
        ValidationDecision decision = validator.validate(request);
        return DecisionJson.write(decision);
    }
}

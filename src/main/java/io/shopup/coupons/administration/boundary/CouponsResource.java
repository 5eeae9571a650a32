package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.administration.control.CouponAdminQueries;
import io.shopup.coupons.administration.control.CouponFieldReader;
import io.shopup.coupons.administration.control.CouponFieldRules;
import io.shopup.coupons.administration.control.CouponJson;
import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.administration.entity.ManagedCoupon;
import io.shopup.coupons.coupon.control.CouponRequestReader;
import io.shopup.coupons.coupon.control.InputRules;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.platform.http.JsonRequestBody;
import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.problems.ProblemResponses;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/admin/coupons}: create, read, page through, patch (JSON Merge Patch) and delete
 * coupons. Every field rule is checked before the database and answered {@code 400} naming its
 * field; a state that forbids the change is {@code 409}.
 */
@RequestScoped
@Path("api/admin/coupons")
@Access(Audience.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class CouponsResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    @EJB
    AdminCoupons coupons;

    @Context
    UriInfo uri;

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body)
            throws IOException {
        JsonRequestBody.requireJson(contentType);
        JsonObject json = CouponRequestReader.parseObject(JsonRequestBody.read(body));
        List<FieldError> errors = new ArrayList<>();
        CouponFields fields = CouponFieldReader.overlay(CouponFields.defaults(), json, CouponFieldReader.CREATE, "", errors);
        if (errors.isEmpty()) {
            errors.addAll(CouponFieldRules.check(fields, true, ""));
        }
        CouponRequestReader.refuse(errors);
        return answer(coupons.create(fields), 201);
    }

    @GET
    @Path("{code}")
    @Access(Audience.READER)
    public Response find(@PathParam("code") String code) {
        String normalised = InputRules.normaliseCode(code);
        ManagedCoupon coupon = normalised == null ? null : coupons.find(normalised);
        return coupon == null ? notFound() : Response.ok(CouponJson.one(coupon)).build();
    }

    @GET
    @Access(Audience.READER)
    public Response page(@QueryParam("status") String status, @QueryParam("type") String type,
                         @QueryParam("userId") String userId, @QueryParam("codePrefix") String codePrefix,
                         @QueryParam("limit") String limit, @QueryParam("after") String after) {
        List<FieldError> errors = new ArrayList<>();
        CouponAdminQueries.Filter filter = new CouponAdminQueries.Filter(
                PageParams.word(status, CouponStatus.class, "status", errors),
                PageParams.word(type, CouponType.class, "type", errors),
                PageParams.identifier(userId, "userId", errors),
                PageParams.codePrefix(codePrefix, errors));
        int size = PageParams.limit(limit, DEFAULT_PAGE, MAX_PAGE, errors);
        long afterId = PageParams.cursor(after, errors);
        CouponRequestReader.refuse(errors);
        List<ManagedCoupon> page = coupons.page(filter, afterId, size + 1);
        String next = null;
        if (page.size() > size) {
            page = page.subList(0, size);
            next = String.valueOf(page.get(size - 1).id());
        }
        return Response.ok(CouponJson.page(page, next)).build();
    }

    @PATCH
    @Path("{code}")
    public Response patch(@PathParam("code") String code, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          InputStream body) throws IOException {
        if (!isMergePatch(contentType)) {
            throw new MalformedRequestException(415, "Unsupported media type",
                    "A change of a coupon is a JSON Merge Patch: " + MERGE_PATCH + ".", List.of());
        }
        JsonObject patch = CouponRequestReader.parseObject(JsonRequestBody.read(body));
        String normalised = InputRules.normaliseCode(code);
        return normalised == null ? notFound() : answer(coupons.patch(normalised, patch), 200);
    }

    @DELETE
    @Path("{code}")
    public Response delete(@PathParam("code") String code) {
        String normalised = InputRules.normaliseCode(code);
        if (normalised == null) {
            return notFound();
        }
        AdminCoupons.Result result = coupons.delete(normalised);
        return result instanceof AdminCoupons.Done ? Response.noContent().build() : answer(result, 204);
    }

    private Response answer(AdminCoupons.Result result, int status) {
        if (result instanceof AdminCoupons.Done done) {
            Response.ResponseBuilder ok = Response.status(status).entity(CouponJson.one(done.coupon()));
            if (status == 201) {
                ok.location(UriBuilder.fromUri(uri.getBaseUri()).path("api/admin/coupons")
                        .path(done.coupon().fields().code()).build());
            }
            return ok.build();
        }
        if (result instanceof AdminCoupons.Invalid invalid) {
            throw MalformedRequestException.badRequest("The coupon breaks the rules of its fields.", invalid.errors());
        }
        if (result instanceof AdminCoupons.Conflict conflict) {
            return ProblemResponses.problem(409, conflict.type(), conflict.title(), conflict.detail(), List.of()).build();
        }
        return notFound();
    }

    /** Exactly {@value #MERGE_PATCH}, in UTF-8 if a charset is given. */
    static boolean isMergePatch(String contentType) {
        return JsonRequestBody.isUtf8Application(contentType, "merge-patch+json"::equalsIgnoreCase);
    }

    static Response notFound() {
        return ProblemResponses.problem(404, "not-found", "Not found", "No coupon has this code.", List.of()).build();
    }
}

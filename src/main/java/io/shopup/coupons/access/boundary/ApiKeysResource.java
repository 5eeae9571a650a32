package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.ApiKey;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.coupon.control.CouponRequestReader;
import io.shopup.coupons.platform.http.JsonRequestBody;
import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.ProblemResponses;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/admin/api-keys}: checkout keys. The secret is in the answer to the create request
 * and nowhere else, ever: the table keeps its hash, the log never sees it.
 */
@RequestScoped
@Path("api/admin/api-keys")
@Access(Audience.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    /** Looked up once: {@code Json.create...} searches the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final int MAX_NAME = 100;

    @EJB
    ApiKeys keys;

    @Context
    UriInfo uri;

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body)
            throws IOException {
        JsonRequestBody.requireJson(contentType);
        JsonObject json = CouponRequestReader.parseObject(JsonRequestBody.read(body));
        List<FieldError> errors = new ArrayList<>();
        for (String field : json.keySet()) {
            if (!"name".equals(field)) {
                // As everywhere in the Management API: a typo must not pass unnoticed.
                errors.add(new FieldError(field, "is not a field of an API key"));
            }
        }
        String name = CouponRequestReader.string(json, "name", true, errors);
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            errors.add(new FieldError("name", "must have 1 to " + MAX_NAME + " characters"));
        }
        CouponRequestReader.refuse(errors);
        ApiKeys.Created created = keys.create(name.strip());
        String answer = describe(created.key()).add("secret", created.secret()).build().toString();
        return Response.created(uri.getAbsolutePathBuilder().path(created.key().id().toString()).build())
                .entity(answer).build();
    }

    @GET
    @Access(Audience.READER)
    public String list() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        for (ApiKey key : keys.all()) {
            all.add(describe(key));
        }
        return JSON.createObjectBuilder().add("items", all).build().toString();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        UUID key = parse(id);
        if (key == null || keys.revoke(key) == null) {
            return ProblemResponses.problem(404, "not-found", "Not found", "No API key has this id.", List.of()).build();
        }
        return Response.noContent().build();
    }

    private static UUID parse(String id) {
        try {
            return id.length() == 36 ? UUID.fromString(id) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonObjectBuilder describe(ApiKey key) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", key.id().toString()).add("name", key.name())
                .add("createdAt", key.createdAt().toString());
        return key.revokedAt() == null ? json.addNull("revokedAt") : json.add("revokedAt", key.revokedAt().toString());
    }
}

package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.administration.control.UserLines;
import io.shopup.coupons.administration.entity.ImportReport;
import io.shopup.coupons.coupon.control.CouponRequestReader;
import io.shopup.coupons.coupon.control.InputRules;
import io.shopup.coupons.platform.http.JsonRequestBody;
import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.problems.ProblemResponses;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import io.shopup.coupons.platform.http.RequestBodyDeadline;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code /api/admin/users}: one user at a time, or many streamed in an import. */
@RequestScoped
@Path("api/admin/users")
@Access(Audience.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    /** Looked up once: {@code Json.create...} searches the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String IMPORT_PATH = "/api/admin/users/import";

    @EJB
    AdminUsers users;

    @Inject
    UserImports imports;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest http;

    @PUT
    @Path("{id}")
    public Response put(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                        InputStream body) throws IOException {
        byte[] bytes = JsonRequestBody.read(body);
        List<FieldError> errors = new ArrayList<>();
        if (!InputRules.isIdentifier(id)) {
            errors.add(FieldError.parameter("id", InputRules.IDENTIFIER_RULE));
        }
        String email = null;
        if (bytes.length > 0) {
            JsonRequestBody.requireJson(contentType);
            JsonObject json = CouponRequestReader.parseObject(bytes);
            for (String name : json.keySet()) {
                if (!name.equals("email")) {
                    errors.add(new FieldError(name, "is not a field of a user"));
                }
            }
            email = CouponRequestReader.string(json, "email", false, errors);
            if (email != null && !UserLines.isEmailAddress(email)) {
                errors.add(new FieldError("email", "must be one address of at most 254 characters, or null"));
            }
        }
        CouponRequestReader.refuse(errors);
        AdminUsers.User user = users.put(id, email);
        Response.ResponseBuilder answer = user.created()
                ? Response.created(uri.getAbsolutePath()) : Response.ok();
        return answer.entity(json(user)).build();
    }

    @GET
    @Path("{id}")
    @Access(Audience.READER)
    public Response find(@PathParam("id") String id) {
        AdminUsers.User user = InputRules.isIdentifier(id) ? users.find(id) : null;
        return user == null ? notFound() : Response.ok(json(user)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        AdminUsers.Deleted deleted = InputRules.isIdentifier(id) ? users.delete(id) : AdminUsers.Deleted.NOT_FOUND;
        return switch (deleted) {
            case DELETED -> Response.noContent().build();
            case NOT_FOUND -> notFound();
            case REFERRED -> ProblemResponses.problem(409, "user-in-use", "User in use",
                    "Coupons, holds or redemptions refer to this user: it cannot be deleted.", List.of()).build();
        };
    }

    /**
     * Many users, streamed: NDJSON or CSV, one user a line. The body is read as it arrives and is
     * not bounded by the 16 KiB of other requests (see RequestBodyDeadline).
     */
    @POST
    @Path("import")
    public Response importUsers(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body)
            throws IOException {
        UserLines.Format format = format(contentType);
        // Only the exact path streams; a body that reached here another way was cut at 16 KiB.
        InputStream lines = RequestBodyDeadline.isStreamed(http) ? body : new ByteArrayInputStream(JsonRequestBody.read(body));
        ImportReport report = imports.run(lines, format);
        if (report == null) {
            return ProblemResponses.problem(503, "import-busy", "Import busy",
                    "Another user import is running on this instance; retry when it is done.", List.of())
                    .header("Retry-After", 5).build();
        }
        JsonArrayBuilder rejected = JSON.createArrayBuilder();
        report.firstRejected().forEach(line -> rejected.add(JSON.createObjectBuilder().add("line", line.line())
                .add("problem", line.problem())));
        return Response.ok(JSON.createObjectBuilder().add("received", report.received()).add("created", report.created())
                .add("updated", report.updated()).add("rejected", report.rejected()).add("firstRejected", rejected)
                .build().toString()).build();
    }

    static UserLines.Format format(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (type != null && (charset == null || charset.equalsIgnoreCase("utf-8"))) {
            String name = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
            if (name.equals("application/x-ndjson")) {
                return UserLines.Format.NDJSON;
            }
            if (name.equals("text/csv")) {
                return UserLines.Format.CSV;
            }
        }
        throw new MalformedRequestException(415, "Unsupported media type",
                "A user import is application/x-ndjson or text/csv (UTF-8).", List.of());
    }

    private static String json(AdminUsers.User user) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", user.id());
        if (user.email() == null) {
            json.addNull("email");
        } else {
            json.add("email", user.email());
        }
        return json.add("createdAt", user.createdAt().toString()).build().toString();
    }

    private static Response notFound() {
        return ProblemResponses.problem(404, "not-found", "Not found", "No user has this id.", List.of()).build();
    }
}

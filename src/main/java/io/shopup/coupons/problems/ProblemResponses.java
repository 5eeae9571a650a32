package io.shopup.coupons.problems;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem documents ({@code application/problem+json}). */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:problem-type:coupons:";
    private static final JsonProvider JSON = JsonProvider.provider();

    private ProblemResponses() {
    }

    /**
     * @param type a short slug, published as {@code urn:problem-type:coupons:<slug>}; null for
     *             problems that are nothing more than their HTTP status ({@code about:blank})
     */
    public static Response.ResponseBuilder problem(int status, String type, String title, String detail,
                                                   List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(json(status, type, title, detail, errors));
    }

    /** The problem document itself, for answers written outside JAX-RS (servlet filters). */
    public static String json(int status, String type, String title, String detail, List<FieldError> errors) {
        return json(status, type, title, detail, errors, Map.of());
    }

    /** @param members extension members of the problem type (RFC 9457, section 3.2), in their order */
    public static String json(int status, String type, String title, String detail, List<FieldError> errors,
                              Map<String, String> members) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject()
                    .write("type", type == null ? "about:blank" : TYPE_PREFIX + type)
                    .write("title", title)
                    .write("status", status);
            if (detail != null) {
                json.write("detail", detail);
            }
            if (!errors.isEmpty()) {
                json.writeStartArray("errors");
                for (FieldError error : errors) {
                    json.writeStartObject().write("field", error.field());
                    switch (error.source()) {
                        case BODY -> json.write("pointer", error.pointer());
                        case PARAMETER -> json.write("parameter", error.field());
                        case HEADER -> json.write("header", error.field());
                    }
                    json.write("detail", error.detail()).writeEnd();
                }
                json.writeEnd();
            }
            members.forEach(json::write);
            json.writeEnd();
        }
        return out.toString();
    }
}

package io.shopup.coupons.platform.http;

import io.shopup.coupons.platform.http.RequestBodyDeadline;
import io.shopup.coupons.problems.MalformedRequestException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The envelope of a JSON request: its content type and a body of at most 16 KiB. */
public final class JsonRequestBody {

    public static final int MAX_BYTES = RequestBodyDeadline.MAX_BODY_BYTES;

    private JsonRequestBody() {
    }

    /** Accepts {@code application/json} and {@code application/*+json}, in UTF-8 when a charset is named. */
    public static void requireJson(String contentType) {
        if (!isUtf8Application(contentType,
                subtype -> "json".equalsIgnoreCase(subtype) || subtype.toLowerCase(Locale.ROOT).endsWith("+json"))) {
            throw new MalformedRequestException(415, "Unsupported media type",
                    "The request body must be application/json (UTF-8).", List.of());
        }
    }

    /**
     * Whether the content type is {@code application/} a subtype the test accepts, in UTF-8 when a
     * charset is named. A wildcard is no type: it says nothing of the body.
     */
    public static boolean isUtf8Application(String contentType, Predicate<String> subtype) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (type == null || !"application".equalsIgnoreCase(type.getType()) || !subtype.test(type.getSubtype())) {
            return false;
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return charset == null || StandardCharsets.UTF_8.name().equalsIgnoreCase(charset);
    }

    /** Reads the whole body, refusing more than {@link #MAX_BYTES} without reading further. */
    public static byte[] read(InputStream body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new MalformedRequestException(413, "Request body too large",
                    "The request body must not exceed " + MAX_BYTES + " bytes.", List.of());
        }
        return bytes;
    }
}

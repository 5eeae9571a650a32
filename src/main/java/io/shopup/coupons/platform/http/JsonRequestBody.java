package io.shopup.coupons.platform.http;

import io.shopup.coupons.platform.http.RequestBodyDeadline;
import io.shopup.coupons.problems.MalformedRequestException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The envelope of a JSON request: its content type and a body of at most 16 KiB. */
public final class JsonRequestBody {

    public static final int MAX_BYTES = RequestBodyDeadline.MAX_BODY_BYTES;

    private JsonRequestBody() {
    }

    /** Accepts {@code application/json} and {@code application/*+json}, in UTF-8 when a charset is named. */
    public static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        boolean json = type != null && "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
        String charset = json ? type.getParameters().get(MediaType.CHARSET_PARAMETER) : null;
        if (!json || (charset != null && !StandardCharsets.UTF_8.name().equalsIgnoreCase(charset))) {
            throw new MalformedRequestException(415, "Unsupported media type",
                    "The request body must be application/json (UTF-8).", List.of());
        }
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

package io.shopup.coupons.problems;

import java.nio.charset.StandardCharsets;

/**
 * One offending field of a malformed request, and what is wrong with it.
 *
 * @param field   the name as the client knows it: a body member ({@code orderValue}), a member of
 *                a nested object as {@code parent.member} ({@code coupon.userId}), a parameter or
 *                a header name
 * @param source  where the request carries it
 * @param pointer for a body member, an RFC 6901 JSON Pointer to it as a URI fragment
 *                ({@code #/coupon/userId}, RFC 9457's {@code pointer}); null otherwise
 */
public record FieldError(String field, String detail, Source source, String pointer) {

    public enum Source { BODY, PARAMETER, HEADER }

    /** A member of the body's top-level object. */
    public FieldError(String field, String detail) {
        this(field, detail, Source.BODY, pointerTo(field));
    }

    /** A member of an object inside the body ({@code coupon} of a code batch). */
    public static FieldError nested(String parent, String member, String detail) {
        return new FieldError(parent + "." + member, detail, Source.BODY, pointerTo(parent) + "/" + token(member));
    }

    /** A path or query parameter. */
    public static FieldError parameter(String name, String detail) {
        return new FieldError(name, detail, Source.PARAMETER, null);
    }

    public static FieldError header(String name, String detail) {
        return new FieldError(name, detail, Source.HEADER, null);
    }

    /**
     * A member at {@code path} ("" for the top level, "coupon." inside a batch's template), as the
     * coupon readers name their fields.
     */
    public static FieldError at(String path, String member, String detail) {
        return path.isEmpty() ? new FieldError(member, detail)
                : nested(path.endsWith(".") ? path.substring(0, path.length() - 1) : path, member, detail);
    }

    private static String pointerTo(String member) {
        return "#/" + token(member);
    }

    /**
     * A reference token (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}) in a URI
     * fragment (RFC 3986: what is not allowed there percent-encoded in UTF-8).
     */
    static String token(String member) {
        String escaped = member.replace("~", "~0").replace("/", "~1");
        StringBuilder out = new StringBuilder(escaped.length());
        for (byte b : escaped.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean allowed = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0);
            if (allowed) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}

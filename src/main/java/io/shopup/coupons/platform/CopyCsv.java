package io.shopup.coupons.platform;

/**
 * Fields of PostgreSQL's {@code COPY ... (FORMAT csv)}: text always quoted (quotes doubled), so
 * that an empty string stays empty; a missing value is an unquoted empty field, which COPY reads
 * as NULL.
 */
public final class CopyCsv {

    private CopyCsv() {
    }

    /** Appends the text as one field (nothing at all for null). */
    public static StringBuilder text(StringBuilder csv, String value) {
        if (value == null) {
            return csv;
        }
        if (value.indexOf('"') < 0) {
            return csv.append('"').append(value).append('"');
        }
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        return csv.append('"');
    }
}

package io.shopup.coupons.validationlog.control;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A position in the newest-first listing: {@code <validatedAt>_<id>}, e.g.
 * {@code 2026-11-29T03:40:00.123456Z_1234}. A bare instant means "older than this instant".
 */
public record LogCursor(Instant validatedAt, long id) {

    /** @return null when the text is not a cursor */
    public static LogCursor parse(String text) {
        try {
            int separator = text.lastIndexOf('_');
            if (separator < 0) {
                return new LogCursor(Instant.parse(text), Long.MIN_VALUE);
            }
            return new LogCursor(Instant.parse(text.substring(0, separator)), Long.parseLong(text.substring(separator + 1)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return validatedAt + "_" + id;
    }
}

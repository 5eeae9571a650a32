package io.shopup.coupons.administration.control;

import io.shopup.coupons.coupon.control.InputRules;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a user import: NDJSON ({@code {"id":"user_1","email":"a@example.com"}}) or CSV
 * ({@code id,email}, RFC 4180 quoting, a header line allowed first). The id follows the user id
 * rule of DOMAIN.md; the email is optional and, when given, one address of at most 254 characters.
 */
public final class UserLines {

    /** A line read: a user, or the reason the line is refused. Exactly one of them is set. */
    public record Parsed(String id, String email, String problem) {

        static Parsed refused(String problem) {
            return new Parsed(null, null, problem);
        }
    }

    /** The formats an import may have. */
    public enum Format {
        NDJSON, CSV
    }

    static final int MAX_EMAIL = 254;
    private static final JsonProvider JSON = JsonProvider.provider();

    private UserLines() {
    }

    /** A CSV header, which is skipped (only as the first line). */
    public static boolean isHeader(String line) {
        return line.strip().equalsIgnoreCase("id,email") || line.strip().equalsIgnoreCase("id");
    }

    public static Parsed parse(Format format, String line) {
        return format == Format.NDJSON ? json(line) : csv(line);
    }

    static Parsed json(String line) {
        JsonObject object;
        try (JsonParser parser = JSON.createParser(new StringReader(line))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Parsed.refused("is not a JSON object");
            }
            object = parser.getObject();
            if (parser.hasNext()) {
                return Parsed.refused("has more than one JSON value");
            }
        } catch (JsonException | IllegalStateException e) {
            return Parsed.refused("is not a JSON object");
        }
        for (String name : object.keySet()) {
            if (!name.equals("id") && !name.equals("email")) {
                return Parsed.refused("has the unknown field " + name);
            }
        }
        JsonValue id = object.get("id");
        JsonValue email = object.get("email");
        if (!(id instanceof JsonString idText)) {
            return Parsed.refused("has no id string");
        }
        if (email != null && email.getValueType() != JsonValue.ValueType.NULL && !(email instanceof JsonString)) {
            return Parsed.refused("has an email that is not a string");
        }
        return checked(idText.getString(), email instanceof JsonString text ? text.getString() : null);
    }

    static Parsed csv(String line) {
        List<String> fields = csvFields(line);
        if (fields == null) {
            return Parsed.refused("is not a CSV line (a quote is not closed)");
        }
        if (fields.size() > 2) {
            return Parsed.refused("has " + fields.size() + " fields instead of id,email");
        }
        String email = fields.size() < 2 || fields.get(1).isEmpty() ? null : fields.get(1);
        return checked(fields.get(0), email);
    }

    private static Parsed checked(String id, String email) {
        if (!InputRules.isIdentifier(id)) {
            return Parsed.refused("has an id that " + InputRules.IDENTIFIER_RULE.replace("must be", "is not"));
        }
        if (email != null && !isEmailAddress(email)) {
            return Parsed.refused("has an email that is not one address of at most " + MAX_EMAIL + " characters");
        }
        return new Parsed(id, email, null);
    }

    /** One address: something, an {@code @}, a domain; no spaces or control characters. */
    public static boolean isEmailAddress(String email) {
        int at = email.indexOf('@');
        if (email.length() > MAX_EMAIL || at < 1 || at != email.lastIndexOf('@') || at == email.length() - 1) {
            return false;
        }
        return email.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT);
    }

    /** The fields of one CSV line, or null when a quoted field is not closed. */
    static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>(2);
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        return null;
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    return null;
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }
}

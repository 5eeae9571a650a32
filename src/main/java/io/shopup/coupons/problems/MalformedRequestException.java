package io.shopup.coupons.problems;

import java.util.List;

/**
 * The request cannot be read as a question at all: it is answered with a 4xx problem document and
 * never becomes a validation decision.
 */
public class MalformedRequestException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public MalformedRequestException(int status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static MalformedRequestException badRequest(String detail, List<FieldError> errors) {
        return new MalformedRequestException(400, "Malformed request", detail, errors);
    }

    public static MalformedRequestException badRequest(String detail) {
        return badRequest(detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

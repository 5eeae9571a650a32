package io.shopup.coupons.problems;

/** One offending field of a malformed request, and what is wrong with it. */
public record FieldError(String field, String detail) {
}

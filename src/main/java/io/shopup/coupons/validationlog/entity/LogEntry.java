package io.shopup.coupons.validationlog.entity;

/** A row of the validation log as the audit listing shows it: the record and its id. */
public record LogEntry(long id, LogRecord record) {
}

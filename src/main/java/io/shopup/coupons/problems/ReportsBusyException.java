package io.shopup.coupons.problems;

import jakarta.ejb.ApplicationException;

/** As many reports as allowed are already running; this one is refused rather than queued. */
@ApplicationException
public class ReportsBusyException extends RuntimeException {

    public ReportsBusyException() {
        super("Too many reports are running");
    }
}

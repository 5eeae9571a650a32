package io.shopup.coupons.administration.entity;

import java.util.List;

/**
 * What a user import did: lines received, users created, users whose email changed, lines
 * refused (the first ten of them named by line number and why).
 */
public record ImportReport(long received, long created, long updated, long rejected, List<RejectedLine> firstRejected) {

    /** A line that was not imported. */
    public record RejectedLine(long line, String problem) {
    }
}

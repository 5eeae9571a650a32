package io.shopup.coupons.couponcache.control;

import java.util.Arrays;

/**
 * Which transactions a load saw, from PostgreSQL's {@code pg_current_snapshot()} text
 * ({@code xmin:xmax:xip,...}): a change notified by a transaction visible in it is already in
 * what the load read, and applying it again would count it twice.
 */
public final class TxSnapshot {

    /** Before any load: sees nothing, so every change applies. */
    public static final TxSnapshot NOTHING = new TxSnapshot(0, 0, new long[0]);

    private final long xmin;
    private final long xmax;
    private final long[] inProgress;

    private TxSnapshot(long xmin, long xmax, long[] inProgress) {
        this.xmin = xmin;
        this.xmax = xmax;
        this.inProgress = inProgress;
    }

    public static TxSnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a pg_snapshot: " + text);
        }
        long[] inProgress = parts[2].isEmpty() ? new long[0]
                : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).sorted().toArray();
        return new TxSnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), inProgress);
    }

    /** Whether the transaction had committed when the snapshot was taken. */
    public boolean sees(long xid) {
        if (xid < xmin) {
            return true;
        }
        return xid < xmax && Arrays.binarySearch(inProgress, xid) < 0;
    }
}

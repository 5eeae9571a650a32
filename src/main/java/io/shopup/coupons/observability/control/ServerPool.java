package io.shopup.coupons.observability.control;

/**
 * The server's connection pool as its own statistics see it: connections lent out, threads waiting
 * for one, and the most it will open. Each server keeps these in its own internals, so each needs
 * a reader of its own ({@link PayaraPool}); where there is none, a value is NaN, which Prometheus
 * shows as a gap rather than as a false zero.
 */
public interface ServerPool {

    double inUse();

    double waiting();

    double max();

    /** A pool whose statistics this server does not offer. */
    ServerPool UNKNOWN = new ServerPool() {
        @Override
        public double inUse() {
            return Double.NaN;
        }

        @Override
        public double waiting() {
            return Double.NaN;
        }

        @Override
        public double max() {
            return Double.NaN;
        }
    };
}

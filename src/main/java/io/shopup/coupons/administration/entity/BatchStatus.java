package io.shopup.coupons.administration.entity;

/** Where a code batch is: still generating, finished with every code, or stopped by an error. */
public enum BatchStatus {
    RUNNING, DONE, FAILED
}

package io.shopup.coupons.redemption.entity;

import java.util.List;

/**
 * What a redemption transaction produced: its answer, and the notifications of its committed
 * changes for the coupon caches (empty when it changed nothing).
 */
public record Outcome(Answer answer, List<String> announcements) {

    public static Outcome of(Answer answer) {
        return new Outcome(answer, List.of());
    }
}

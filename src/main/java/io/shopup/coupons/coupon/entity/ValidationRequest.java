package io.shopup.coupons.coupon.entity;

import java.math.BigDecimal;

/**
 * A well-formed question: does {@code code} apply to {@code userId}'s order of {@code orderValue}?
 * The code is already normalised (trimmed, upper case); the order value has two decimals;
 * {@code orderId} is null when the checkout named no order.
 */
public record ValidationRequest(String code, String userId, BigDecimal orderValue, String orderId) {
}

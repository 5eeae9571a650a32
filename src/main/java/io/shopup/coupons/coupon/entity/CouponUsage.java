package io.shopup.coupons.coupon.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One redemption of a coupon by a user, optionally for an order. These rows are the truth about usage. */
@Entity
@Table(name = "coupon_usage")
public class CouponUsage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "coupon_id")
    private Long couponId;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "order_id")
    private String orderId;

    @Column(name = "discount_applied")
    private BigDecimal discountApplied;

    @Column(name = "used_at")
    private Instant usedAt;

    protected CouponUsage() {
    }

    public CouponUsage(Long couponId, String userId, String orderId, BigDecimal discountApplied, Instant usedAt) {
        this.couponId = couponId;
        this.userId = userId;
        this.orderId = orderId;
        this.discountApplied = discountApplied;
        this.usedAt = usedAt;
    }

    public Long getId() {
        return id;
    }
}

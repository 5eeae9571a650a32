package io.shopup.coupons.coupon.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A discount code as stored. Validation never loads this entity (it reads a
 * {@link CouponSnapshot} through one native query); it is for writing coupons.
 */
@Entity
@Table(name = "coupons")
public class Coupon {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String code;

    @Enumerated(EnumType.STRING)
    private CouponType type;

    @Column(name = "user_id")
    private String userId;

    @Enumerated(EnumType.STRING)
    private CouponStatus status = CouponStatus.ACTIVE;

    @Enumerated(EnumType.STRING)
    @Column(name = "discount_type")
    private DiscountType discountType;

    @Column(name = "discount_value")
    private BigDecimal discountValue;

    @Column(name = "max_discount")
    private BigDecimal maxDiscount;

    @Column(name = "min_order_value")
    private BigDecimal minOrderValue = BigDecimal.ZERO;

    @Column(name = "usage_limit")
    private Integer usageLimit;

    @Column(name = "per_user_limit")
    private Integer perUserLimit = 1;

    @Column(name = "valid_from")
    private Instant validFrom;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    private Instant updatedAt;

    protected Coupon() {
    }

    private Coupon(String code, CouponType type, DiscountType discountType, BigDecimal discountValue) {
        this.code = code;
        this.type = type;
        this.discountType = discountType;
        this.discountValue = discountValue;
    }

    public static Coupon forUser(String code, String userId, DiscountType discountType, BigDecimal value) {
        Coupon coupon = new Coupon(code, CouponType.USER_SPECIFIC, discountType, value);
        coupon.userId = userId;
        return coupon;
    }

    public static Coupon forWindow(String code, Instant from, Instant until, DiscountType discountType,
                                   BigDecimal value) {
        Coupon coupon = new Coupon(code, CouponType.TIME_SPECIFIC, discountType, value);
        coupon.validFrom = from;
        coupon.validUntil = until;
        return coupon;
    }

    public Coupon status(CouponStatus status) {
        this.status = status;
        return this;
    }

    public Coupon maxDiscount(BigDecimal maxDiscount) {
        this.maxDiscount = maxDiscount;
        return this;
    }

    public Coupon minOrderValue(BigDecimal minOrderValue) {
        this.minOrderValue = minOrderValue;
        return this;
    }

    public Coupon limits(Integer usageLimit, Integer perUserLimit) {
        this.usageLimit = usageLimit;
        this.perUserLimit = perUserLimit;
        return this;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public CouponType getType() {
        return type;
    }

    public CouponStatus getStatus() {
        return status;
    }
}

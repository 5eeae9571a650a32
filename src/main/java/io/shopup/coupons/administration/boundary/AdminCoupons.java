package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.administration.control.CouponAdminQueries;
import io.shopup.coupons.administration.control.CouponFieldReader;
import io.shopup.coupons.administration.control.CouponFieldRules;
import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.administration.entity.ManagedCoupon;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.problems.FieldError;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Coupons as administrators change them, each change in one transaction. A change to an existing
 * coupon takes the coupon's row lock first, the lock every hold and redemption takes, so that a
 * limit is never lowered below a redemption or hold that is being made at the same moment.
 * The coupon caches learn of every change from the table's triggers, as of any change in SQL.
 */
@Stateless
public class AdminCoupons {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    Clock clock;

    /** What a change did. */
    public sealed interface Result {
    }

    public record Done(ManagedCoupon coupon) implements Result {
    }

    public record NotFound() implements Result {
    }

    /** The change breaks rules of the fields: {@code 400}. */
    public record Invalid(List<FieldError> errors) implements Result {
    }

    /** The change contradicts the coupon's state: {@code 409}. */
    public record Conflict(String type, String title, String detail) implements Result {
    }

    /** @param fields checked by {@link CouponFieldRules} already */
    public Result create(CouponFields fields) {
        if (fields.type() == CouponType.USER_SPECIFIC && !CouponAdminQueries.userExists(em, fields.userId())) {
            return new Invalid(List.of(new FieldError("userId", "names no user")));
        }
        if (CouponAdminQueries.insert(em, fields, clock.instant()) == null) {
            return new Conflict("code-exists", "Code exists", "A coupon with this code exists.");
        }
        return new Done(CouponAdminQueries.find(em, fields.code(), clock.instant()));
    }

    public ManagedCoupon find(String code) {
        return CouponAdminQueries.find(em, code, clock.instant());
    }

    public List<ManagedCoupon> page(CouponAdminQueries.Filter filter, long afterId, int limit) {
        return CouponAdminQueries.page(em, filter, afterId, limit, clock.instant());
    }

    /** Applies a JSON Merge Patch to the coupon, under its row lock. */
    public Result patch(String code, JsonObject patch) {
        if (!CouponAdminQueries.lock(em, code)) {
            return new NotFound();
        }
        ManagedCoupon current = CouponAdminQueries.find(em, code, clock.instant());
        List<FieldError> errors = new ArrayList<>();
        CouponFields patched = CouponFieldReader.overlay(current.fields(), patch, CouponFieldReader.PATCHABLE, "", errors);
        if (errors.isEmpty()) {
            errors.addAll(CouponFieldRules.check(patched, true, ""));
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        long inUse = current.redeemed() + current.held();
        if (patched.usageLimit() != null && patched.usageLimit() < inUse) {
            return new Conflict("limit-below-use", "Limit below use", "The coupon is redeemed or held " + inUse
                    + " times: its usageLimit cannot be lower.");
        }
        CouponAdminQueries.update(em, current.id(), patched, clock.instant());
        return new Done(CouponAdminQueries.find(em, code, clock.instant()));
    }

    /** Deletes a coupon that was never redeemed nor held, under its row lock. */
    public Result delete(String code) {
        if (!CouponAdminQueries.lock(em, code)) {
            return new NotFound();
        }
        ManagedCoupon current = CouponAdminQueries.find(em, code, clock.instant());
        if (CouponAdminQueries.everUsed(em, current.id())) {
            return new Conflict("coupon-in-use", "Coupon in use",
                    "The coupon has been redeemed or held: set its status to INACTIVE instead.");
        }
        CouponAdminQueries.delete(em, current.id());
        return new Done(current);
    }
}

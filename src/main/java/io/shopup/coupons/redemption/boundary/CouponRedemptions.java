package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.coupon.control.CouponRules;
import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.redemption.control.AnswerJson;
import io.shopup.coupons.redemption.control.Idempotency;
import io.shopup.coupons.redemption.control.LockedFacts;
import io.shopup.coupons.redemption.control.RedemptionQueries;
import io.shopup.coupons.redemption.entity.Answer;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import io.shopup.coupons.redemption.entity.Redemption;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;

/**
 * Redemptions in one step, and their rollback. Each method is one transaction; a redemption
 * decides by the coupon rules on facts read under the coupon's row lock ({@link LockedFacts}).
 */
@Stateless
public class CouponRedemptions {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    Clock clock;

    public Answer redeem(IdempotentCall call, ValidationRequest request) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, () -> {
            ValidationFacts facts = LockedFacts.lockAndRead(em, request, now);
            ValidationDecision decision = CouponRules.decide(request, facts, now);
            if (!decision.valid()) {
                return AnswerJson.notApplicable(decision.reason());
            }
            Redemption redeemed = RedemptionQueries.insert(em, decision.couponId(), request, decision.discount(), now);
            return Answer.created(AnswerJson.redemption(redeemed), "api/redemptions/" + redeemed.id());
        });
    }

    public Answer find(long id) {
        Redemption found = RedemptionQueries.find(em, id);
        return found == null ? AnswerJson.notFound("redemption") : Answer.of(200, AnswerJson.redemption(found));
    }

    /** Rolls a redemption back: the slot is free again, the row kept in {@code coupon_usage_rollbacks}. */
    public Answer rollBack(IdempotentCall call, long id, String reason) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, () -> {
            Redemption rolledBack = RedemptionQueries.rollBack(em, id, reason, now);
            if (rolledBack != null) {
                return Answer.of(200, AnswerJson.redemption(rolledBack));
            }
            Redemption found = RedemptionQueries.find(em, id);
            if (found == null) {
                return AnswerJson.notFound("redemption");
            }
            return AnswerJson.problem(409, "already-rolled-back", "Already rolled back",
                    "This redemption was rolled back at " + found.rolledBackAt() + ".");
        });
    }
}

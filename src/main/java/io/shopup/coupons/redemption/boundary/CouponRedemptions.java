package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.coupon.control.CouponRules;
import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.couponcache.control.Announcements;
import io.shopup.coupons.redemption.control.AnswerJson;
import io.shopup.coupons.redemption.control.Idempotency;
import io.shopup.coupons.redemption.control.LockedFacts;
import io.shopup.coupons.redemption.control.RedemptionQueries;
import io.shopup.coupons.redemption.entity.Answer;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import io.shopup.coupons.redemption.entity.Outcome;
import io.shopup.coupons.redemption.entity.Redemption;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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

    public Outcome redeem(IdempotentCall call, ValidationRequest request) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, xid -> {
            ValidationFacts facts = LockedFacts.lockAndRead(em, request, now);
            ValidationDecision decision = CouponRules.decide(request, facts, now);
            if (!decision.valid()) {
                return Outcome.of(AnswerJson.notApplicable(decision.reason()));
            }
            Redemption redeemed = RedemptionQueries.insert(em, decision.couponId(), request, decision.discount(), now);
            return new Outcome(Answer.created(AnswerJson.redemption(redeemed), "api/redemptions/" + redeemed.id()),
                    List.of(Announcements.usageAdded(xid, decision.couponId(), request.userId(), request.orderId())));
        });
    }

    public Outcome find(long id) {
        Redemption found = RedemptionQueries.find(em, id);
        return Outcome.of(found == null ? AnswerJson.notFound("redemption") : Answer.of(200, AnswerJson.redemption(found)));
    }

    /** Rolls a redemption back: the slot is free again, the row kept in {@code coupon_usage_rollbacks}. */
    public Outcome rollBack(IdempotentCall call, long id, String reason) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, xid -> {
            Redemption rolledBack = RedemptionQueries.rollBack(em, id, reason, now);
            if (rolledBack != null) {
                return new Outcome(Answer.of(200, AnswerJson.redemption(rolledBack)),
                        List.of(Announcements.usageRemoved(xid, rolledBack.couponId(), rolledBack.userId(),
                                rolledBack.orderId())));
            }
            Redemption found = RedemptionQueries.find(em, id);
            if (found == null) {
                return Outcome.of(AnswerJson.notFound("redemption"));
            }
            return Outcome.of(AnswerJson.problem(409, "already-rolled-back", "Already rolled back",
                    "This redemption was rolled back at " + found.rolledBackAt() + "."));
        });
    }
}

package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.coupon.control.CouponRules;
import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.redemption.control.AnswerJson;
import io.shopup.coupons.redemption.control.Idempotency;
import io.shopup.coupons.redemption.control.LockedFacts;
import io.shopup.coupons.redemption.control.ReservationQueries;
import io.shopup.coupons.redemption.entity.Answer;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import io.shopup.coupons.redemption.entity.Reservation;
import io.shopup.coupons.redemption.entity.ReservationStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Holds: take one, read one, commit it into a redemption, release it. Each method is one
 * transaction; a hold decides by the coupon rules on facts read under the coupon's row lock
 * ({@link LockedFacts}), so limits hold across any number of instances.
 */
@Stateless
public class CouponHolds {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    Clock clock;

    public Answer hold(IdempotentCall call, ValidationRequest request, int ttlSeconds) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, () -> {
            ValidationFacts facts = LockedFacts.lockAndRead(em, request, now);
            ValidationDecision decision = CouponRules.decide(request, facts, now);
            if (!decision.valid()) {
                return AnswerJson.notApplicable(decision.reason());
            }
            Reservation held = ReservationQueries.insert(em, decision.couponId(), request, decision.discount(), now,
                    now.plusSeconds(ttlSeconds));
            return Answer.created(AnswerJson.reservation(held, now), location(held.id()));
        });
    }

    public Answer find(UUID id) {
        Reservation found = ReservationQueries.find(em, id);
        return found == null ? AnswerJson.notFound("reservation")
                : Answer.of(200, AnswerJson.reservation(found, clock.instant()));
    }

    /** Commits a live hold; committing again gives the same answer. */
    public Answer commit(IdempotentCall call, UUID id) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, () -> {
            Reservation held = ReservationQueries.lock(em, id);
            if (held == null) {
                return AnswerJson.notFound("reservation");
            }
            if (held.status() == ReservationStatus.COMMITTED) {
                return Answer.of(200, AnswerJson.reservation(held, now));
            }
            if (!held.isLive(now)) {
                return AnswerJson.problem(409, "reservation-not-held", "Reservation not held",
                        "The reservation is " + held.statusAt(now).name().toLowerCase() + "; it can no longer be committed.");
            }
            ReservationQueries.commit(em, id, now);
            return Answer.of(200, AnswerJson.reservation(ReservationQueries.find(em, id), now));
        });
    }

    /** Releases a hold; releasing one already released or expired is fine, a committed one is not. */
    public Answer release(IdempotentCall call, UUID id) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, () -> {
            Reservation held = ReservationQueries.lock(em, id);
            if (held == null) {
                return AnswerJson.notFound("reservation");
            }
            if (held.status() == ReservationStatus.COMMITTED) {
                return AnswerJson.problem(409, "reservation-committed", "Reservation committed",
                        "The reservation was committed; roll back its redemption instead.");
            }
            if (held.status() == ReservationStatus.HELD) {
                ReservationQueries.setStatus(em, id, held.isLive(now) ? ReservationStatus.RELEASED
                        : ReservationStatus.EXPIRED, now);
            }
            return Answer.of(204, "");
        });
    }

    static String location(UUID id) {
        return "api/reservations/" + id;
    }
}

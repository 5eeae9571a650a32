package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.coupon.control.CouponRules;
import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.couponcache.control.Announcements;
import io.shopup.coupons.redemption.control.AnswerJson;
import io.shopup.coupons.redemption.control.Idempotency;
import io.shopup.coupons.redemption.control.LockedFacts;
import io.shopup.coupons.redemption.control.ReservationQueries;
import io.shopup.coupons.redemption.entity.Answer;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import io.shopup.coupons.redemption.entity.Outcome;
import io.shopup.coupons.redemption.entity.Reservation;
import io.shopup.coupons.redemption.entity.ReservationStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Holds: take one, read one, commit it into a redemption, release it. Each method is one
 * transaction; a hold decides by the coupon rules on facts read under the coupon's row lock
 * ({@link LockedFacts}), so limits hold across any number of instances. Each change comes back
 * with its announcements for the coupon caches, to be sent once the transaction has committed.
 */
@Stateless
public class CouponHolds {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    Clock clock;

    public Outcome hold(IdempotentCall call, ValidationRequest request, int ttlSeconds) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, xid -> {
            ValidationFacts facts = LockedFacts.lockAndRead(em, request, now);
            ValidationDecision decision = CouponRules.decide(request, facts, now);
            if (!decision.valid()) {
                return Outcome.of(AnswerJson.notApplicable(decision.reason()));
            }
            List<String> announcements = new ArrayList<>();
            for (Reservation expired : ReservationQueries.expireForOrder(em, decision.couponId(), request.orderId(), now)) {
                announcements.add(removed(xid, expired));
            }
            Reservation held = ReservationQueries.insert(em, decision.couponId(), request, decision.discount(), now,
                    now.plusSeconds(ttlSeconds));
            announcements.add(Announcements.holdAdded(xid, held.id().toString(), held.couponId(), held.userId(),
                    held.orderId(), held.expiresAt().toEpochMilli()));
            return new Outcome(Answer.created(AnswerJson.reservation(held, now), location(held.id())), announcements);
        });
    }

    public Outcome find(UUID id) {
        Reservation found = ReservationQueries.find(em, id);
        return Outcome.of(found == null ? AnswerJson.notFound("reservation")
                : Answer.of(200, AnswerJson.reservation(found, clock.instant())));
    }

    /** Commits a live hold; committing again gives the same answer. */
    public Outcome commit(IdempotentCall call, UUID id) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, xid -> {
            Reservation held = ReservationQueries.lock(em, id);
            if (held == null) {
                return Outcome.of(AnswerJson.notFound("reservation"));
            }
            if (held.status() == ReservationStatus.COMMITTED) {
                return Outcome.of(Answer.of(200, AnswerJson.reservation(held, now)));
            }
            if (!held.isLive(now)) {
                return Outcome.of(AnswerJson.problem(409, "reservation-not-held", "Reservation not held",
                        "The reservation is " + held.statusAt(now).name().toLowerCase()
                                + "; it can no longer be committed."));
            }
            ReservationQueries.commit(em, id, now);
            return new Outcome(Answer.of(200, AnswerJson.reservation(ReservationQueries.find(em, id), now)),
                    List.of(Announcements.usageAdded(xid, held.couponId(), held.userId(), held.orderId()),
                            removed(xid, held)));
        });
    }

    /** Releases a hold; releasing one already released or expired is fine, a committed one is not. */
    public Outcome release(IdempotentCall call, UUID id) {
        Instant now = clock.instant();
        return Idempotency.guard(em, call, now, xid -> {
            Reservation held = ReservationQueries.lock(em, id);
            if (held == null) {
                return Outcome.of(AnswerJson.notFound("reservation"));
            }
            if (held.status() == ReservationStatus.COMMITTED) {
                return Outcome.of(AnswerJson.problem(409, "reservation-committed", "Reservation committed",
                        "The reservation was committed; roll back its redemption instead."));
            }
            if (held.status() != ReservationStatus.HELD) {
                return Outcome.of(Answer.of(204, ""));
            }
            ReservationQueries.setStatus(em, id, held.isLive(now) ? ReservationStatus.RELEASED
                    : ReservationStatus.EXPIRED, now);
            return new Outcome(Answer.of(204, ""), List.of(removed(xid, held)));
        });
    }

    private static String removed(String xid, Reservation hold) {
        return Announcements.holdRemoved(xid, hold.id().toString(), hold.couponId(), hold.expiresAt().toEpochMilli());
    }

    static String location(UUID id) {
        return "api/reservations/" + id;
    }
}

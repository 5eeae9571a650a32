package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.redemption.control.IdempotencyStore;
import io.shopup.coupons.redemption.control.ReservationQueries;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** One batch of tidying per call, each in its own short transaction. */
@Stateless
public class ExpiredHolds {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    /** Marks up to {@code batch} holds past their expiry {@code EXPIRED}; how many it marked. */
    public int markExpired(Instant now, int batch) {
        return ReservationQueries.expireDue(em, now, batch);
    }

    /** Deletes up to {@code batch} idempotency keys created before {@code before}. */
    public int forgetKeys(Instant before, int batch) {
        return IdempotencyStore.forgetBefore(em, before, batch);
    }
}

package io.shopup.coupons.validation.boundary;

import io.shopup.coupons.couponcache.control.CouponCache;
import io.shopup.coupons.problems.DatabaseFaults;
import io.shopup.coupons.problems.DatabaseUnavailableException;
import io.shopup.coupons.validation.control.CouponFactsQuery;
import io.shopup.coupons.coupon.control.CouponRules;
import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;

/**
 * Answers whether a coupon applies to an order. The facts come from the {@link CouponCache}, so a
 * validation does no I/O and goes on while the database is down; until the cache has loaded they
 * come from one native query. Validation only reads, in a single statement, so it runs without a
 * JTA transaction: the statement is its own consistent snapshot.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CouponValidator {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CouponCache cache;

    public ValidationDecision validate(ValidationRequest request) {
        Instant now = clock.instant();
        ValidationFacts facts = cache.facts(request, now);
        if (facts == null) {
            facts = fetch(request, now);
        }
        return CouponRules.decide(request, facts, now);
    }

    private ValidationFacts fetch(ValidationRequest request, Instant now) {
        try {
            return CouponFactsQuery.fetch(em, request, now);
        } catch (RuntimeException e) {
            if (DatabaseFaults.isUnavailable(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw e;
        }
    }
}

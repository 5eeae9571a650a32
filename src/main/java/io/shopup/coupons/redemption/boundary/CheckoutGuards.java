package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.access.boundary.AccessFilter;
import io.shopup.coupons.access.boundary.GuessGuard;
import io.shopup.coupons.access.entity.ApiKey;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.couponcache.control.CouponCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** What access and abuse limits ask of a hold or redemption: the caller's scope and the guessing limit. */
@ApplicationScoped
public class CheckoutGuards {

    @Inject
    GuessGuard guesses;

    @Inject
    CouponCache cache;

    /** The scope of the caller's idempotency keys: its API key's id. */
    static String scope(HttpServletRequest http) {
        return http.getAttribute(AccessFilter.API_KEY) instanceof ApiKey key ? key.id().toString() : "";
    }

    /**
     * On the request's thread: refuses a user (or address) over the guessing limit.
     *
     * @return the client's address, for {@link #countUnknownCode}
     */
    String admit(HttpServletRequest http, ValidationRequest request) {
        String address = guesses.address(http.getRemoteAddr(), http.getHeader("X-Forwarded-For"));
        guesses.check(request.userId(), address);
        return address;
    }

    /**
     * Before the transaction: a code the cache does not know counts as a guess, so that a refused
     * guess is refused before any answer (one an idempotency key would keep) is made.
     */
    void countUnknownCode(ValidationRequest request, String address) {
        if (cache.isLoaded() && !cache.hasCode(request.code())) {
            guesses.unknownCode(request.userId(), address);
        }
    }
}

package io.shopup.coupons.access.boundary;

import io.github.bucket4j.ConsumptionProbe;
import io.shopup.coupons.access.control.AccessRules;
import io.shopup.coupons.access.control.ApiKeyRing;
import io.shopup.coupons.access.control.AccessMeters;
import io.shopup.coupons.access.control.KeyRates;
import io.shopup.coupons.access.control.TokenVerifier;
import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.ApiKey;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.access.entity.Throttled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets a request reach its resource method only with the credentials its {@link Access} names:
 * a live API key for the Integration API, a valid JWT with the right group for the reports and the
 * Management API (verified here, and only there: see {@link Tokens}); and applies the per-key
 * request rate.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AccessFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The request property holding the {@link ApiKey} of a checkout's request. */
    public static final String API_KEY = "coupons.access.api-key";
    /** The request property holding the subject of a person's request (the token's {@code sub}). */
    public static final String PERSON = "coupons.access.person";
    private static final String RATE = "coupons.access.rate";

    @Context
    ResourceInfo resource;

    @Inject
    ApiKeyRing keys;

    @Inject
    Tokens tokens;

    @Inject
    AccessMeters meters;

    @Inject
    @ConfigProperty(name = "api-keys.rate-per-second", defaultValue = "0")
    long ratePerSecond;

    private final Map<Method, Audience> audiences = new ConcurrentHashMap<>();
    private KeyRates rates;

    @PostConstruct
    void start() {
        rates = new KeyRates(ratePerSecond);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return; // no resource matched: JAX-RS answers 404 or 405 and runs nothing
        }
        Audience audience = audiences.computeIfAbsent(method, AccessFilter::audienceOf);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        TokenVerifier.Person person = audience == Audience.CHECKOUT ? null
                : tokens.person(AccessRules.credential(authorization, AccessRules.BEARER_SCHEME));
        AccessRules.Verdict verdict = AccessRules.decide(audience, authorization, keys::find,
                person == null ? null : person.groups());
        if (verdict instanceof AccessRules.Unauthenticated refused) {
            meters.refused(method, 401, "unauthenticated");
            request.abortWith(AccessProblems.unauthenticated(refused.scheme()));
        } else if (verdict instanceof AccessRules.Forbidden) {
            meters.refused(method, 403, "forbidden");
            request.abortWith(AccessProblems.forbidden());
        } else if (verdict instanceof AccessRules.Allowed allowed && allowed.key() != null) {
            admitKey(request, method, allowed.key());
        } else if (person != null) {
            request.setProperty(PERSON, person.subject());
        }
    }

    private void admitKey(ContainerRequestContext request, Method method, ApiKey key) {
        request.setProperty(API_KEY, key);
        KeyRates perKey = rates;
        if (perKey.enabled()) {
            ConsumptionProbe probe = perKey.take(key.id());
            if (!probe.isConsumed()) {
                meters.refused(method, 429, "rate-limited");
                request.abortWith(AccessProblems.throttled(new Throttled("rate-limited", "This API key sent more than "
                        + perKey.limit() + " requests in a second; slow down.", perKey.limit(),
                        probe.getNanosToWaitForRefill())));
                return;
            }
            request.setProperty(RATE, probe);
        }
    }

    /** The per-key rate's headers on every answer to a key that has a rate. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RATE) instanceof ConsumptionProbe probe) {
            AccessProblems.rateHeaders(response.getHeaders(), rates.limit(), probe.getRemainingTokens(),
                    probe.getNanosToWaitForReset());
        }
    }

    /** The method's {@link Access}, else its class's, else {@link Audience#ADMIN}: closed by default. */
    static Audience audienceOf(Method method) {
        Access access = method.getAnnotation(Access.class);
        if (access == null) {
            access = method.getDeclaringClass().getAnnotation(Access.class);
        }
        return access == null ? Audience.ADMIN : access.value();
    }
}

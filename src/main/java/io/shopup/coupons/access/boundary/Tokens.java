package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.control.TokenVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * People's tokens, verified with MicroProfile JWT's settings. Without an issuer and a key the
 * reports and the Management API refuse everyone (and the log says so once).
 */
@ApplicationScoped
public class Tokens {

    private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> location;

    private TokenVerifier verifier;

    @PostConstruct
    void start() {
        if (issuer.isEmpty() || (publicKey.isEmpty() && location.isEmpty())) {
            LOG.warning("No identity provider: set MP_JWT_VERIFY_ISSUER and MP_JWT_VERIFY_PUBLICKEY(_LOCATION);"
                    + " until then the reports and the Management API refuse every token");
            verifier = TokenVerifier.refusingAll();
            return;
        }
        if (publicKey.isPresent() && location.isPresent()) {
            LOG.severe("MP_JWT_VERIFY_PUBLICKEY and MP_JWT_VERIFY_PUBLICKEY_LOCATION are both set: set one;"
                    + " every token is refused");
            verifier = TokenVerifier.refusingAll();
            return;
        }
        try {
            verifier = TokenVerifier.of(issuer.get(), publicKey.orElse(null), location.orElse(null));
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage() + "; every token is refused");
            verifier = TokenVerifier.refusingAll();
        }
    }

    /** The person of a valid token, or null. */
    public TokenVerifier.Person person(String token) {
        return verifier.person(token);
    }
}

package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.control.AccessRules;
import io.shopup.coupons.access.control.TokenVerifier;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.platform.http.UploadGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;

/** Uploads (user imports) are for administrators: nobody else gets a byte of theirs stored. */
@ApplicationScoped
public class UploadAccess implements UploadGate {

    @Inject
    Tokens tokens;

    @Override
    public boolean admits(HttpServletRequest request) {
        TokenVerifier.Person person = tokens.person(AccessRules.credential(request.getHeader(HttpHeaders.AUTHORIZATION),
                AccessRules.BEARER_SCHEME));
        return person != null && person.groups().contains(Audience.ADMIN_GROUP);
    }
}

package io.shopup.coupons.access.entity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a resource method: on the method, or on its class for all of them. A resource
 * method with neither is for {@link Audience#ADMIN} only, so that a new endpoint is never open.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Access {
    Audience value();
}

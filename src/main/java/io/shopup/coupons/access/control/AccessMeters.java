package io.shopup.coupons.access.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Requests refused by the access rules and the abuse limits ({@code 401}, {@code 403}, {@code 429}), by endpoint and cause. */
@ApplicationScoped
public class AccessMeters {

    @Inject
    MeterRegistry registry;

    private final Map<Method, String> endpoints = new ConcurrentHashMap<>();

    /**
     * @param method the resource method that was asked for, or null
     * @param cause  {@code unauthenticated}, {@code forbidden} or the 429's problem type
     */
    public void refused(Method method, int status, String cause) {
        String endpoint = method == null ? "unknown" : endpoints.computeIfAbsent(method, AccessMeters::endpoint);
        Counter.builder("coupons.access.refusals").description("Requests refused by access rules and abuse limits")
                .tag("endpoint", endpoint).tag("status", String.valueOf(status)).tag("cause", cause)
                .register(registry).increment();
    }

    /** {@code POST api/reservations/{id}/commit}: the method and the path template, a bounded set. */
    static String endpoint(Method method) {
        String verb = "?";
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                verb = http.value();
            }
        }
        Path root = method.getDeclaringClass().getAnnotation(Path.class);
        Path sub = method.getAnnotation(Path.class);
        String path = ((root == null ? "" : root.value()) + "/" + (sub == null ? "" : sub.value()))
                .replaceAll("/+", "/").replaceAll("^/|/$", "");
        return verb + " " + path;
    }
}

package io.shopup.coupons.testsupport;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every JAX-RS endpoint of the service, found in the compiled classes: a new resource method is in
 * this list without anyone adding it, so the tests that go over the list (who may call it, whether
 * {@code /openapi} describes it) cover it too.
 */
public final class Endpoints {

    /** One endpoint: its HTTP method and its path relative to the deployment, with sample values in its templates. */
    public record Endpoint(String method, String template, String path) {

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private Endpoints() {
    }

    public static List<Endpoint> all() throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of(System.getProperty("coupons.project.dir", "."), "target/classes");
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = load(name);
                Path root = type == null ? null : type.getAnnotation(Path.class);
                if (root == null || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String http = httpMethod(method);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        String template = join(root.value(), sub == null ? "" : sub.value());
                        endpoints.add(new Endpoint(http, template, sample(template)));
                    }
                }
            }
        }
        if (endpoints.size() < 10) {
            throw new AssertionError("found only " + endpoints + " in " + classes + ": is the project built?");
        }
        return endpoints;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Endpoints.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = (root + "/" + sub).replaceAll("/+", "/").replaceAll("^/|/$", "");
        return path;
    }

    /** Template values that look real: a code, an id. */
    private static String sample(String template) {
        return template.replaceAll("\\{code}", "SAVE10").replaceAll("\\{[a-zA-Z]+}", "00000000-0000-4000-8000-000000000001");
    }
}

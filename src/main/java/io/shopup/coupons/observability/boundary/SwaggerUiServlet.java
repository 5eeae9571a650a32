package io.shopup.coupons.observability.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Swagger UI at {@code /openapi-ui/}: the page in {@code src/main/webapp/openapi-ui} and the
 * swagger-ui webjar's files (its {@code META-INF/resources}), read from the WAR. JAX-RS answers
 * everything under {@code /}, and the server's default servlet, mapped to a path, looks files up by
 * the path's tail only; so a servlet of the WAR's own serves these few read-only files.
 */
@WebServlet(urlPatterns = {"/openapi-ui", "/openapi-ui/*", "/webjars/swagger-ui/*"})
public class SwaggerUiServlet extends HttpServlet {

    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8", "css", "text/css;charset=UTF-8", "png", "image/png",
            "map", "application/json");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals("/openapi-ui")) {
            response.sendRedirect(request.getContextPath() + "/openapi-ui/");
            return;
        }
        if (path.endsWith("/")) {
            path += "index.html";
        }
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        InputStream file = path.contains("..") || type == null ? null : getServletContext().getResourceAsStream(path);
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (file) {
            response.setContentType(type);
            // The webjar's files are versioned by their path; the page and its script are not.
            response.setHeader("Cache-Control", path.startsWith("/webjars/") ? "public, max-age=86400" : "no-cache");
            file.transferTo(response.getOutputStream());
        }
    }
}

package io.shopup.coupons.observability.boundary;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /openapi}: the API description, {@code META-INF/openapi.yaml} as written, served by the
 * WAR itself. Payara's MicroProfile OpenAPI (switched off in the post-boot commands) adds a
 * top-level {@code endpoints} field to any document it serves, which OpenAPI 3 does not allow and
 * strict validators refuse (payara/Payara#7891, fixed after 6.2025.10); WildFly's standard
 * configuration has no MicroProfile OpenAPI at all. Mapped exactly, like {@code /metrics}.
 */
@WebServlet(urlPatterns = "/openapi")
public class OpenApiServlet extends HttpServlet {

    /** The WAR's own copy: a class loader would look in the server's libraries first. */
    static final String DOCUMENT = "/WEB-INF/classes/META-INF/openapi.yaml";

    private byte[] document;

    @Override
    public void init() throws ServletException {
        try (InputStream in = getServletContext().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new ServletException(DOCUMENT + " is not in the WAR");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/yaml;charset=UTF-8");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }
}

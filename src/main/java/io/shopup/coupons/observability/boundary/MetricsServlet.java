package io.shopup.coupons.observability.boundary;

import io.shopup.coupons.observability.control.Registry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /metrics}: every meter in Prometheus text, for the internal network (no credentials, as
 * DOMAIN.md says). Mapped exactly at {@code /metrics}, it wins over the server's own endpoint,
 * which the post-boot commands switch off anyway.
 */
@WebServlet(urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    Registry registry;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] text = registry.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(PROMETHEUS_TEXT);
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }
}

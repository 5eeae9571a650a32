package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.control.AccessRules;
import io.shopup.coupons.problems.ProblemResponses;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The error page of a {@code 401} the server answers itself: its JWT mechanism refuses a bad,
 * expired or foreign token before the application sees the request, with an HTML page and no
 * {@code WWW-Authenticate}. This makes that answer the contract's problem document (web.xml).
 */
@WebServlet(UnauthorizedPage.PATH)
public class UnauthorizedPage extends HttpServlet {

    static final String PATH = "/problems/unauthorized";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != jakarta.servlet.DispatcherType.ERROR) {
            response.sendError(404);
            return;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", AccessRules.BEARER_SCHEME + AccessProblems.REALM + ", error=\"invalid_token\"");
        response.setContentType(ProblemResponses.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        // Payara leaves the connection of this answer unusable when the request asked to upgrade
        // to HTTP/2 (as Java's HTTP client does on a new connection): closed, the client opens a
        // fresh one instead of failing on it. (On such a request the server also drops the content
        // type of this page; see the README.)
        response.setHeader("Connection", "close");
        byte[] body = ProblemResponses.json(401, "unauthorized", "Unauthorized",
                AccessProblems.detail(AccessRules.BEARER_SCHEME), List.of()).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

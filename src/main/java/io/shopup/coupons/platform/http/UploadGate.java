package io.shopup.coupons.platform.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Says whether an upload's caller may send it, before a byte of its body is kept: a request it
 * refuses goes on without its body, and the application's access rules answer it. Implemented
 * by the component that knows who may call what.
 */
public interface UploadGate {

    boolean admits(HttpServletRequest request);
}

package io.shopup.coupons.platform.http;

/** Which address a request came from, as the log records it and the abuse limits count it. */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The client's address: the socket's peer, or, behind a trusted proxy, the last address of
     * {@code X-Forwarded-For}: the one that proxy appended, the only one a client cannot forge.
     */
    public static String of(String remoteAddress, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null) {
            String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
            if (isIpAddress(last)) {
                return last;
            }
        }
        return remoteAddress;
    }

    /** An IPv4 or IPv6 literal, by its characters: enough to keep anything else out of the log. */
    public static boolean isIpAddress(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return false;
        }
        boolean colon = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (colon && (c == ':' || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package io.shopup.coupons.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 connection written byte by byte, as no well-behaved client would: to send headers
 * and then trickle or withhold the body. {@link #response()} reads whatever comes back until the
 * server closes the connection or has sent a whole response.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawHttp(URL base, int readTimeoutMs) {
        try {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(readTimeoutMs);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request line and headers of a validation whose body has {@code contentLength} bytes. */
    public static String validateHeaders(URL base, int contentLength) {
        return "POST " + path(base, "api/coupons/validate") + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: " + TestCredentials.checkoutAuthorization()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    /** A path relative to the deployment (which Arquillian may put below the server's root). */
    public static String path(URL base, String relative) {
        return base.getPath().replaceAll("/?$", "/") + relative;
    }

    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The response as text; what came before the server closed it or a read timed out. */
    public String response() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                received.write(chunk, 0, n);
                if (complete(received.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // what arrived so far is the answer
        } catch (IOException e) {
            // reset by the server: it closed the connection
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** A response whose headers end and whose body has its Content-Length. */
    private static boolean complete(String text) {
        int headersEnd = text.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            return false;
        }
        for (String line : text.substring(0, headersEnd).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring("content-length:".length()).trim());
                return text.getBytes(StandardCharsets.UTF_8).length - headersEnd - 4 >= length;
            }
        }
        return false;
    }

    /** The status code of a response, or 0 for none (the connection was closed without one). */
    public static int status(String response) {
        return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : 0;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }
}

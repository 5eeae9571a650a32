package io.shopup.coupons.platform.http;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a collected request body goes: memory for the small bodies of ordinary requests, a
 * temporary file for a streamed upload (a user import of a million lines), so that neither a
 * worker thread nor the application waits for a slow client's bytes.
 */
interface BodySink {

    void write(byte[] bytes, int offset, int length) throws IOException;

    long size();

    /** Ends the collection: the body as a {@code byte[]} (memory) or a {@link Path} (file). */
    Object finish() throws IOException;

    /** Drops what was collected (the request ended without reaching the application). */
    void discard();

    static BodySink memory() {
        return new BodySink() {
            private final ByteArrayOutputStream body = new ByteArrayOutputStream();

            @Override
            public void write(byte[] bytes, int offset, int length) {
                body.write(bytes, offset, length);
            }

            @Override
            public long size() {
                return body.size();
            }

            @Override
            public Object finish() {
                return body.toByteArray();
            }

            @Override
            public void discard() {
                body.reset();
            }
        };
    }

    static BodySink file() throws IOException {
        Path file = Files.createTempFile("coupons-upload-", ".body");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        return new BodySink() {
            private long size;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                size += length;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public Object finish() throws IOException {
                out.close();
                return file;
            }

            @Override
            public void discard() {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the file goes anyway
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file: the system's tidying takes it
                }
            }
        };
    }
}

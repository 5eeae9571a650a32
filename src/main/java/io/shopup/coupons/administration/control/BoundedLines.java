package io.shopup.coupons.administration.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a streamed body, read without ever holding more than one line of at most
 * {@code maxBytes}: a longer line is skipped to its end and reported as too long, one that is not
 * UTF-8 as such, so that neither can make the import hold a body's worth of memory. Lines end with
 * {@code \n}; a {@code \r} before it is dropped.
 */
public final class BoundedLines {

    /** One line: its number (from 1) and its text, or the reason it has none. */
    public record Line(long number, String text, String problem) {
    }

    private final InputStream in;
    private final byte[] line;
    private final byte[] buffer = new byte[64 * 1024];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private long number;
    private boolean ended;

    public BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.line = new byte[maxBytes];
    }

    /** The next line, or null at the end of the body. */
    public Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = ended ? -1 : in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    ended = true;
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            byte b = buffer[position++];
            any = true;
            if (b == '\n') {
                break;
            }
            if (length < line.length) {
                line[length++] = b;
            } else {
                tooLong = true;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "is longer than " + line.length + " bytes");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        try {
            return new Line(number, utf8.decode(ByteBuffer.wrap(line, 0, length)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "is not UTF-8");
        }
    }
}

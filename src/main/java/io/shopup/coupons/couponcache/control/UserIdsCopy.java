package io.shopup.coupons.couponcache.control;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Receives {@code COPY (SELECT id FROM users ...) TO STDOUT} in PostgreSQL's text format and adds
 * each line's id to a {@link SortedIds.Builder} as bytes: ten million ids arrive faster this way
 * than as rows, and never become strings. The text format escapes a backslash as {@code \\} and
 * the control characters backspace, form feed, newline, carriage return, tab and vertical tab as
 * {@code \b \f \n \r \t \v}; nothing else. Ids that stop coming in ascending byte order (the
 * database's collation orders them otherwise) end the collecting: the rest is read and ignored,
 * and {@link #inByteOrder()} says so.
 */
final class UserIdsCopy extends OutputStream {

    private final SortedIds.Builder ids;
    private byte[] line = new byte[64];
    private int length;
    private boolean escaped;
    private boolean inByteOrder = true;

    UserIdsCopy(SortedIds.Builder ids) {
        this.ids = ids;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        if (!inByteOrder) {
            return;
        }
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (escaped) {
                escaped = false;
                append(unescaped(b));
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '\n') {
                if (!ids.addIfAscending(Arrays.copyOf(line, length))) {
                    inByteOrder = false;
                    return;
                }
                length = 0;
            } else {
                append(b);
            }
        }
    }

    /** Whether every id so far came after the one before it, in byte order. */
    boolean inByteOrder() {
        return inByteOrder;
    }

    /** Whether the copy ended after a whole line, as a complete one does. */
    boolean complete() {
        return length == 0 && !escaped;
    }

    private void append(byte b) {
        if (length == line.length) {
            line = Arrays.copyOf(line, length * 2);
        }
        line[length++] = b;
    }

    private static byte unescaped(byte b) {
        return switch (b) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            default -> b;
        };
    }
}

package io.shopup.coupons.couponcache.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An immutable set of identifiers, sorted by their UTF-8 bytes (PostgreSQL's {@code COLLATE "C"}
 * order) and front-coded: ids come in blocks of {@value #BLOCK}, the first written whole, each
 * other as the length it shares with the one before and the bytes that differ. Ids like
 * {@code user_0001234} then take about 4 bytes each where a {@code HashSet<String>} takes about
 * 100: ten million fit in about 45 MB. A lookup finds the block by binary search over the blocks'
 * first ids and reads at most {@value #BLOCK} ids of it.
 */
public final class SortedIds implements Iterable<String> {

    static final int BLOCK = 16;

    public static final SortedIds EMPTY = new Builder(0).build();

    private final byte[] data;
    private final int[] blocks;
    private final int size;
    private final int maxLength;

    private SortedIds(byte[] data, int[] blocks, int size, int maxLength) {
        this.data = data;
        this.blocks = blocks;
        this.size = size;
        this.maxLength = maxLength;
    }

    public int size() {
        return size;
    }

    /** The bytes this holds: what the README's figure per user is made of. */
    public long bytes() {
        return data.length + 4L * blocks.length;
    }

    public boolean contains(String id) {
        byte[] wanted = id.getBytes(StandardCharsets.UTF_8);
        int low = 0;
        int high = blocks.length - 1;
        int block = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compareFirst(middle, wanted);
            if (order == 0) {
                return true;
            }
            if (order < 0) {
                block = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        if (block < 0) {
            return false;
        }
        Cursor cursor = new Cursor(block);
        int end = Math.min(size, (block + 1) * BLOCK);
        for (int index = block * BLOCK; index < end; index++) {
            int order = Arrays.compareUnsigned(cursor.next(), 0, cursor.length, wanted, 0, wanted.length);
            if (order == 0) {
                return true;
            }
            if (order > 0) {
                return false;
            }
        }
        return false;
    }

    private int compareFirst(int block, byte[] wanted) {
        long read = readLength(data, blocks[block]);
        int start = (int) read;
        return Arrays.compareUnsigned(data, start, start + (int) (read >>> 32), wanted, 0, wanted.length);
    }

    /**
     * A length as {@link Builder} writes it (7 bits a byte, lowest first, the high bit saying
     * "more") at {@code at}: the length in the high half of the result, the position after it in
     * the low half.
     */
    private static long readLength(byte[] data, int at) {
        int value = 0;
        int shift = 0;
        byte b;
        do {
            b = data[at++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return ((long) value << 32) | at;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;
            private Cursor cursor;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public String next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                if (next % BLOCK == 0) {
                    cursor = new Cursor(next / BLOCK);
                }
                next++;
                byte[] id = cursor.next();
                return new String(id, 0, cursor.length, StandardCharsets.UTF_8);
            }
        };
    }

    /** Decodes the ids of one block in turn, into one buffer. */
    private final class Cursor {
        private final byte[] id = new byte[maxLength];
        private int length;
        private int at;
        private boolean first = true;

        Cursor(int block) {
            at = blocks[block];
        }

        byte[] next() {
            int shared = 0;
            if (!first) {
                shared = readLength();
            }
            first = false;
            int differing = readLength();
            System.arraycopy(data, at, id, shared, differing);
            at += differing;
            length = shared + differing;
            return id;
        }

        private int readLength() {
            long read = SortedIds.readLength(data, at);
            at = (int) read;
            return (int) (read >>> 32);
        }
    }

    /** Collects ids given in ascending UTF-8 byte order, as {@code ORDER BY id COLLATE "C"} returns them. */
    public static final class Builder {
        private byte[] data;
        private int[] blocks;
        private int size;
        private int length;
        private int maxLength;
        private byte[] last;

        public Builder(int expectedIds) {
            this(expectedIds, expectedIds * 12L);
        }

        /** Front coding keeps about a third of the bytes of ids like {@code user_0001234}: room for that. */
        public Builder(int expectedIds, long expectedBytes) {
            data = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(64, expectedBytes / 3 + 2L * expectedIds))];
            blocks = new int[Math.max(1, expectedIds / BLOCK + 1)];
        }

        public Builder add(String id) {
            return add(id.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds an id given as its UTF-8 bytes (the array is kept: do not change it afterwards). */
        public Builder add(byte[] encoded) {
            if (!addIfAscending(encoded)) {
                throw new IllegalArgumentException("ids must be added in ascending byte order, without repeats");
            }
            return this;
        }

        /**
         * Adds an id that comes after every id added so far, in byte order; returns false, and adds
         * nothing, for one that does not.
         */
        public boolean addIfAscending(byte[] encoded) {
            if (last != null && Arrays.compareUnsigned(last, encoded) >= 0) {
                return false;
            }
            ensureRoom(encoded.length + 10);
            int shared = 0;
            if (size % BLOCK == 0) {
                if (size / BLOCK == blocks.length) {
                    blocks = Arrays.copyOf(blocks, blocks.length * 3 / 2 + 1);
                }
                blocks[size / BLOCK] = length;
            } else {
                int limit = Math.min(last.length, encoded.length);
                while (shared < limit && last[shared] == encoded[shared]) {
                    shared++;
                }
                writeLength(shared);
            }
            writeLength(encoded.length - shared);
            System.arraycopy(encoded, shared, data, length, encoded.length - shared);
            length += encoded.length - shared;
            maxLength = Math.max(maxLength, encoded.length);
            size++;
            last = encoded;
            return true;
        }

        public SortedIds build() {
            return new SortedIds(Arrays.copyOf(data, length), Arrays.copyOf(blocks, (size + BLOCK - 1) / BLOCK), size,
                    maxLength);
        }

        private void writeLength(int value) {
            while (value >= 0x80) {
                data[length++] = (byte) (0x80 | (value & 0x7F));
                value >>>= 7;
            }
            data[length++] = (byte) value;
        }

        private void ensureRoom(int bytes) {
            if (length + bytes > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16,
                        Math.max(data.length * 3L / 2, (long) length + bytes)));
            }
        }
    }

    /** Compares ids as PostgreSQL's {@code COLLATE "C"} does: by their UTF-8 bytes. */
    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}

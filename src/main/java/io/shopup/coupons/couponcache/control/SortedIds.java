package io.shopup.coupons.couponcache.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An immutable set of identifiers in their UTF-8 bytes plus 4 bytes each, where a
 * {@code HashSet<String>} would take about 100 bytes each: a million ids like {@code user_0000001}
 * fit in 16 MB. The ids are
 * kept sorted by their UTF-8 bytes (PostgreSQL's {@code COLLATE "C"} order) and found by binary search.
 */
public final class SortedIds implements Iterable<String> {

    public static final SortedIds EMPTY = new Builder(0).build();

    private final byte[] bytes;
    private final int[] ends;
    private final int size;

    private SortedIds(byte[] bytes, int[] ends, int size) {
        this.bytes = bytes;
        this.ends = ends;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public boolean contains(String id) {
        byte[] wanted = id.getBytes(StandardCharsets.UTF_8);
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compare(middle, wanted);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private int compare(int index, byte[] wanted) {
        int start = index == 0 ? 0 : ends[index - 1];
        return Arrays.compareUnsigned(bytes, start, ends[index], wanted, 0, wanted.length);
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public String next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                int start = next == 0 ? 0 : ends[next - 1];
                return new String(bytes, start, ends[next++] - start, StandardCharsets.UTF_8);
            }
        };
    }

    /** Collects ids given in ascending UTF-8 byte order, as {@code ORDER BY id COLLATE "C"} returns them. */
    public static final class Builder {
        private byte[] bytes;
        private int[] ends;
        private int size;
        private int length;
        private byte[] last;

        public Builder(int expectedIds) {
            this(expectedIds, expectedIds * 12L);
        }

        /** Sized exactly when both figures are exact: the ids are then never copied to grow. */
        public Builder(int expectedIds, long expectedBytes) {
            bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(16, expectedBytes))];
            ends = new int[Math.max(4, expectedIds)];
        }

        public Builder add(String id) {
            byte[] encoded = id.getBytes(StandardCharsets.UTF_8);
            if (last != null && Arrays.compareUnsigned(last, encoded) >= 0) {
                throw new IllegalArgumentException("ids must be added in ascending byte order, without repeats");
            }
            if (length + encoded.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 3 / 2, length + encoded.length));
            }
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, ends.length * 3 / 2);
            }
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            length += encoded.length;
            ends[size++] = length;
            last = encoded;
            return this;
        }

        public SortedIds build() {
            // Exactly sized arrays are kept as they are rather than copied once more.
            return new SortedIds(length == bytes.length ? bytes : Arrays.copyOf(bytes, length),
                    size == ends.length ? ends : Arrays.copyOf(ends, size), size);
        }
    }

    /** Compares ids as PostgreSQL's {@code COLLATE "C"} does: by their UTF-8 bytes. */
    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}

package io.shopup.coupons.couponcache.control;

import java.util.Arrays;

/**
 * A map from {@code long} keys to values by open addressing (linear probing, deletion by shifting
 * back), about 18 bytes an entry where a {@code HashMap<Long, V>} takes about 60: the cache maps
 * a million coupon ids to their codes. Not thread-safe: only the cache's listener thread uses it.
 */
final class LongKeyMap<V> {

    private static final long FREE = Long.MIN_VALUE;

    private long[] keys;
    private Object[] values;
    private int size;
    /** Whether the key {@link #FREE} itself is present (it cannot live in the table). */
    private boolean hasFreeKey;
    private Object freeKeyValue;

    LongKeyMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 3 / 2) * 2 - 1);
        keys = new long[capacity];
        Arrays.fill(keys, FREE);
        values = new Object[capacity];
    }

    int size() {
        return size + (hasFreeKey ? 1 : 0);
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key == FREE) {
            return hasFreeKey ? (V) freeKeyValue : null;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != FREE; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Puts a value and returns the one it replaces, or null. */
    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        if (key == FREE) {
            V old = hasFreeKey ? (V) freeKeyValue : null;
            hasFreeKey = true;
            freeKeyValue = value;
            return old;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; keys[i] != FREE; i = (i + 1) & mask) {
            if (keys[i] == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 3 > keys.length * 2) {
            grow();
        }
        return null;
    }

    /** Removes a key and returns its value, or null. */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        if (key == FREE) {
            V old = hasFreeKey ? (V) freeKeyValue : null;
            hasFreeKey = false;
            freeKeyValue = null;
            return old;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == FREE) {
                return null;
            }
            i = (i + 1) & mask;
        }
        V old = (V) values[i];
        size--;
        // Moves back each following entry that would no longer be found past the gap.
        int gap = i;
        for (int next = (gap + 1) & mask; keys[next] != FREE; next = (next + 1) & mask) {
            int home = slot(keys[next], mask);
            if (((next - home) & mask) >= ((next - gap) & mask)) {
                keys[gap] = keys[next];
                values[gap] = values[next];
                gap = next;
            }
        }
        keys[gap] = FREE;
        values[gap] = null;
        return old;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        values = new Object[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != FREE) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != FREE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int slot(long key, int mask) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }
}

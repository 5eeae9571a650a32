package io.shopup.coupons.couponcache.control;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many times each hash occurs, as a sorted {@code long[]} with repeats (8 bytes per
 * occurrence) plus the changes since it was built. A change goes to a small map, so that a coupon
 * redeemed a million times is not copied per redemption; once the map holds
 * {@link #MAX_RECENT} hashes they are merged into a new array. Readers never wait; only the
 * cache's listener thread changes it.
 */
final class HashCounts {

    static final int MAX_RECENT = 4_096;

    private record State(long[] sorted, Map<Long, Integer> recent) {
    }

    private volatile State state;

    /** @param sorted ascending, each hash repeated as often as it occurs; kept, not copied */
    HashCounts(long[] sorted) {
        state = new State(sorted, Map.of());
    }

    int count(long hash) {
        State current = state;
        return occurrences(current.sorted, hash) + current.recent.getOrDefault(hash, 0);
    }

    /** Adds {@code delta} (negative to remove) occurrences; a count never goes below zero. */
    void add(long hash, int delta) {
        State current = state;
        int change = Math.max(delta, -count(hash));
        if (change == 0) {
            return;
        }
        Map<Long, Integer> recent = current.recent;
        if (!(recent instanceof ConcurrentHashMap)) {
            recent = new ConcurrentHashMap<>();
            state = current = new State(current.sorted, recent);
        }
        recent.merge(hash, change, (a, b) -> a + b == 0 ? null : a + b);
        if (recent.size() >= MAX_RECENT) {
            state = new State(merged(current), Map.of());
        }
    }

    /** The bytes this holds, roughly: what the README's figures per redemption are made of. */
    long bytes() {
        State current = state;
        return 16L + 8L * current.sorted.length + 80L * current.recent.size();
    }

    private static long[] merged(State state) {
        int size = state.sorted.length;
        for (int delta : state.recent.values()) {
            size += delta;
        }
        long[] merged = new long[size];
        int next = 0;
        for (int i = 0; i < state.sorted.length; i++) {
            long hash = state.sorted[i];
            if (i > 0 && state.sorted[i - 1] == hash) {
                continue;
            }
            int count = occurrences(state.sorted, hash) + state.recent.getOrDefault(hash, 0);
            for (int k = 0; k < count; k++) {
                merged[next++] = hash;
            }
        }
        for (Map.Entry<Long, Integer> change : state.recent.entrySet()) {
            if (occurrences(state.sorted, change.getKey()) == 0) {
                for (int k = 0; k < change.getValue(); k++) {
                    merged[next++] = change.getKey();
                }
            }
        }
        Arrays.sort(merged);
        return merged;
    }

    private static int occurrences(long[] sorted, long hash) {
        int at = Arrays.binarySearch(sorted, hash);
        if (at < 0) {
            return 0;
        }
        int first = at;
        while (first > 0 && sorted[first - 1] == hash) {
            first--;
        }
        int last = at;
        while (last + 1 < sorted.length && sorted[last + 1] == hash) {
            last++;
        }
        return last - first + 1;
    }
}

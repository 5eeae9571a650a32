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
    static final long[] NONE = new long[0];

    // Two fields rather than one immutable pair, 24 bytes less for each of a million coupons. A
    // merge writes the new array before it empties the map, and readers read the map first: a
    // reader may count a change twice for an instant (a stricter answer), never miss one.
    private volatile long[] sorted;
    private volatile Map<Long, Integer> recent = Map.of();

    /** @param sorted ascending, each hash repeated as often as it occurs; kept, not copied */
    HashCounts(long[] sorted) {
        this.sorted = sorted;
    }

    int count(long hash) {
        int changed = recent.getOrDefault(hash, 0);
        return occurrences(sorted, hash) + changed;
    }

    /** Adds {@code delta} (negative to remove) occurrences; a count never goes below zero. */
    void add(long hash, int delta) {
        int change = Math.max(delta, -count(hash));
        if (change == 0) {
            return;
        }
        Map<Long, Integer> changes = recent;
        if (!(changes instanceof ConcurrentHashMap)) {
            changes = new ConcurrentHashMap<>();
            recent = changes;
        }
        changes.merge(hash, change, (a, b) -> a + b == 0 ? null : a + b);
        if (changes.size() >= MAX_RECENT) {
            sorted = merged(sorted, changes);
            recent = Map.of();
        }
    }

    /** The bytes this holds, roughly: what the README's figures per redemption are made of. */
    long bytes() {
        long[] hashes = sorted;
        return 24L + (hashes == NONE ? 0 : 16L + 8L * hashes.length) + 80L * recent.size();
    }

    /** One pass over the array and the sorted changes: no sort of a million hashes per merge. */
    private static long[] merged(long[] sorted, Map<Long, Integer> recent) {
        long[] changed = new long[recent.size()];
        int size = sorted.length;
        int k = 0;
        for (Map.Entry<Long, Integer> change : recent.entrySet()) {
            changed[k++] = change.getKey();
            size += change.getValue();
        }
        Arrays.sort(changed);
        long[] merged = new long[size];
        int next = 0;
        int i = 0;
        int j = 0;
        while (i < sorted.length || j < changed.length) {
            if (j == changed.length || (i < sorted.length && sorted[i] < changed[j])) {
                merged[next++] = sorted[i++];
                continue;
            }
            long hash = changed[j++];
            int count = recent.get(hash);
            while (i < sorted.length && sorted[i] == hash) {
                count++;
                i++;
            }
            for (int c = 0; c < count; c++) {
                merged[next++] = hash;
            }
        }
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

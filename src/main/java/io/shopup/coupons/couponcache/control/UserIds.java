package io.shopup.coupons.couponcache.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which user ids exist: a compact snapshot of the users table, plus the changes seen since it
 * was taken. Readers never wait; only the cache's listener thread changes it.
 */
public final class UserIds {

    private record State(SortedIds snapshot, Map<String, Boolean> changes) {
    }

    private volatile State state = new State(SortedIds.EMPTY, new ConcurrentHashMap<>());

    public boolean contains(String id) {
        State current = state;
        Boolean changed = current.changes.get(id);
        return changed != null ? changed : current.snapshot.contains(id);
    }

    public int size() {
        State current = state;
        int size = current.snapshot.size();
        for (Map.Entry<String, Boolean> change : current.changes.entrySet()) {
            boolean before = current.snapshot.contains(change.getKey());
            if (change.getValue() && !before) {
                size++;
            } else if (!change.getValue() && before) {
                size--;
            }
        }
        return size;
    }

    /** Replaces everything with a freshly loaded snapshot. */
    public void replace(SortedIds loaded) {
        state = new State(loaded, new ConcurrentHashMap<>());
    }

    public void set(String id, boolean exists) {
        state.changes.put(id, exists);
    }

    public int pendingChanges() {
        return state.changes.size();
    }

    /** Folds the changes into a new snapshot, so that a service that sees many sign-ups stays compact. */
    public void compact() {
        State current = state;
        List<String> changed = new ArrayList<>(current.changes.keySet());
        changed.sort(SortedIds::compare);
        SortedIds.Builder merged = new SortedIds.Builder(current.snapshot.size() + changed.size());
        int next = 0;
        for (String id : current.snapshot) {
            while (next < changed.size() && SortedIds.compare(changed.get(next), id) < 0) {
                addIfExists(merged, changed.get(next++), current.changes);
            }
            if (next < changed.size() && changed.get(next).equals(id)) {
                addIfExists(merged, changed.get(next++), current.changes);
            } else {
                merged.add(id);
            }
        }
        while (next < changed.size()) {
            addIfExists(merged, changed.get(next++), current.changes);
        }
        state = new State(merged.build(), new ConcurrentHashMap<>());
    }

    private static void addIfExists(SortedIds.Builder merged, String id, Map<String, Boolean> changes) {
        if (changes.get(id)) {
            merged.add(id);
        }
    }
}

package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TxSnapshotTest {

    @Test
    void seesWhatCommittedBeforeItAndNothingInProgressOrLater() {
        TxSnapshot snapshot = TxSnapshot.parse("100:110:104,102");

        assertTrue(snapshot.sees(99));
        assertTrue(snapshot.sees(100));
        assertTrue(snapshot.sees(103));
        assertFalse(snapshot.sees(102));
        assertFalse(snapshot.sees(104));
        assertFalse(snapshot.sees(110));
        assertFalse(snapshot.sees(111));
    }

    @Test
    void withNothingInProgress() {
        TxSnapshot snapshot = TxSnapshot.parse("100:100:");

        assertTrue(snapshot.sees(99));
        assertFalse(snapshot.sees(100));
    }

    @Test
    void theSnapshotBeforeAnyLoadSeesNothing() {
        assertFalse(TxSnapshot.NOTHING.sees(1));
        assertThrows(IllegalArgumentException.class, () -> TxSnapshot.parse("100:110"));
    }
}

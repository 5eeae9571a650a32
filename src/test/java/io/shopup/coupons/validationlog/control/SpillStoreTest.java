package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillStoreTest {

    @TempDir
    Path folder;

    @Test
    void aTemporaryFileLeftByAFailedAttemptDoesNotBlockTheNextOne() throws IOException {
        SpillStore store = new SpillStore(folder);
        String name = store.newSegmentName();
        Files.writeString(folder.resolve(name + ".tmp"), "half a record");

        store.append(name, List.of(LogWriterTest.record(1), LogWriterTest.record(2)));

        assertEquals(List.of(folder.resolve(name + SpillStore.SUFFIX)), store.segments());
        assertEquals(List.of(LogWriterTest.record(1), LogWriterTest.record(2)),
                store.read(folder.resolve(name + SpillStore.SUFFIX)));
        assertFalse(Files.exists(folder.resolve(name + ".tmp")));
    }

    @Test
    void namesSortInTheOrderTheyWereMade() {
        SpillStore store = new SpillStore(folder);
        String first = store.newSegmentName();
        String second = store.newSegmentName();
        assertTrue(first.compareTo(second) < 0, first + " before " + second);
    }
}

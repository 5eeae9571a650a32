package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserIdsCopyTest {

    @Test
    void readsEachLineAsAnIdUndoingTheTextFormatsEscapesAcrossAnyChunking() {
        String copied = "a\\\\b\nc\\td\nline\\nbreak\nplain\nz\u00e9\n";
        List<String> expected = List.of("a\\b", "c\td", "line\nbreak", "plain", "z\u00e9");
        byte[] bytes = copied.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            SortedIds.Builder builder = new SortedIds.Builder(5);
            UserIdsCopy copy = new UserIdsCopy(builder);
            for (int at = 0; at < bytes.length; at += chunk) {
                copy.write(bytes, at, Math.min(chunk, bytes.length - at));
            }
            assertTrue(copy.complete());
            List<String> ids = new ArrayList<>();
            builder.build().forEach(ids::add);
            assertEquals(expected, ids, "in chunks of " + chunk);
        }
    }

    @Test
    void aCopyCutInTheMiddleOfALineIsNotComplete() {
        UserIdsCopy copy = new UserIdsCopy(new SortedIds.Builder(1));
        copy.write("user_1\nuser_".getBytes(StandardCharsets.UTF_8), 0, 12);
        assertFalse(copy.complete());
    }

    @Test
    void idsOutOfByteOrderEndTheCollectingAndAreReported() {
        SortedIds.Builder builder = new SortedIds.Builder(4);
        UserIdsCopy copy = new UserIdsCopy(builder);
        byte[] bytes = "user_1\nuser_2\nUSER_3\nuser_4\n".getBytes(StandardCharsets.UTF_8);
        copy.write(bytes, 0, bytes.length);
        assertFalse(copy.inByteOrder());
        List<String> ids = new ArrayList<>();
        builder.build().forEach(ids::add);
        assertEquals(List.of("user_1", "user_2"), ids);
    }

    @Test
    void idsInByteOrderAreAllCollected() {
        SortedIds.Builder builder = new SortedIds.Builder(3);
        UserIdsCopy copy = new UserIdsCopy(builder);
        byte[] bytes = "USER_3\nuser_1\nuser_2\n".getBytes(StandardCharsets.UTF_8);
        copy.write(bytes, 0, bytes.length);
        assertTrue(copy.inByteOrder());
        assertTrue(copy.complete());
        assertEquals(3, builder.build().size());
    }
}

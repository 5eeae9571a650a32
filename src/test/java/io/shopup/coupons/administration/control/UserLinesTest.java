package io.shopup.coupons.administration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UserLinesTest {

    @Test
    void ndjsonLinesAreOneUserEach() {
        UserLines.Parsed user = UserLines.parse(UserLines.Format.NDJSON, "{\"id\":\"user_1\",\"email\":\"a@example.com\"}");
        assertEquals("user_1", user.id());
        assertEquals("a@example.com", user.email());
        assertNull(UserLines.parse(UserLines.Format.NDJSON, "{\"id\":\"user_2\"}").email());
        assertNull(UserLines.parse(UserLines.Format.NDJSON, "{\"id\":\"user_2\",\"email\":null}").problem());
        for (String bad : new String[] {"[1]", "{\"id\":1}", "{\"email\":\"a@b\"}", "{\"id\":\"\"}", "{\"id\":\"u\",\"x\":1}",
                "{\"id\":\"u\",\"email\":\"no-at\"}", "{\"id\":\"u\",\"email\":3}", "{\"id\":\"u\"} {}", "{\"id\":",
                "{\"id\":\"" + "u".repeat(65) + "\"}", "{\"id\":\"tab\\there\"}"}) {
            assertNotNull(UserLines.parse(UserLines.Format.NDJSON, bad).problem(), bad);
        }
    }

    @Test
    void csvLinesAreIdAndEmailWithQuotes() {
        assertEquals("user_1", UserLines.parse(UserLines.Format.CSV, "user_1,a@example.com").id());
        assertNull(UserLines.parse(UserLines.Format.CSV, "user_1,").email());
        assertNull(UserLines.parse(UserLines.Format.CSV, "user_1").email());
        UserLines.Parsed quoted = UserLines.parse(UserLines.Format.CSV, "\"user, \"\"one\"\"\",\"a@example.com\"");
        assertEquals("user, \"one\"", quoted.id());
        assertEquals("a@example.com", quoted.email());
        for (String bad : new String[] {"a,b@c,d", "\"open,a@b.c", "\"x\"y,a@b.c", ",a@b.c", "u,not an email"}) {
            assertNotNull(UserLines.parse(UserLines.Format.CSV, bad).problem(), bad);
        }
        assertTrue(UserLines.isHeader("id,email"));
        assertTrue(UserLines.isHeader("ID,Email\r".strip()));
    }

    @Test
    void linesAreBoundedAndDecodedStrictly() throws IOException {
        byte[] body = ("first\r\n" + "x".repeat(5_000) + "\nthird\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBadUtf8 = new byte[body.length + 3];
        System.arraycopy(body, 0, withBadUtf8, 0, body.length);
        withBadUtf8[body.length] = (byte) 0xC3;
        withBadUtf8[body.length + 1] = (byte) 0x28;
        withBadUtf8[body.length + 2] = 'z';
        BoundedLines lines = new BoundedLines(new ByteArrayInputStream(withBadUtf8), 100);
        assertEquals("first", lines.next().text());
        BoundedLines.Line long_ = lines.next();
        assertNull(long_.text());
        assertEquals(2, long_.number());
        assertTrue(long_.problem().contains("longer"));
        assertEquals("third", lines.next().text());
        BoundedLines.Line bad = lines.next();
        assertEquals(4, bad.number());
        assertTrue(bad.problem().contains("UTF-8"), "the last line has no newline and is not UTF-8");
        assertNull(lines.next());
    }
}

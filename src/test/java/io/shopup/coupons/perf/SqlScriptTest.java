package io.shopup.coupons.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void stepsRunAloneAndThoseMarkedTogetherInOneGroup() {
        String script = """
                -- a comment before the first step
                -- step: first
                SELECT 1;
                -- together:
                -- step: second
                SELECT 2;
                -- step: third
                SELECT 3;
                -- end together
                -- step: fourth
                SELECT 4;
                """;
        List<List<SqlScript.Step>> groups = SqlScript.groups(script);
        assertEquals(List.of(List.of("first"), List.of("second", "third"), List.of("fourth")),
                groups.stream().map(group -> group.stream().map(SqlScript.Step::name).toList()).toList());
        assertEquals("SELECT 3;\n", groups.get(1).get(1).sql());
        assertEquals(4, SqlScript.steps(script).size());
    }

    @Test
    void aGroupLeftOpenOrClosedTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SqlScript.groups("-- together:\n-- step: a\nSELECT 1;\n"));
        assertThrows(IllegalArgumentException.class, () -> SqlScript.groups("-- step: a\nSELECT 1;\n-- end together\n"));
    }
}

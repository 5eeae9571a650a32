package io.shopup.coupons.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The nodes of a plan that {@code EXPLAIN (FORMAT JSON)} returned, flattened, root first. */
public final class QueryPlans {

    private QueryPlans() {
    }

    public static List<JsonObject> nodes(ResultSet explained) throws SQLException {
        explained.next();
        JsonObject plan = Json.createReader(new StringReader(explained.getString(1))).readArray().getJsonObject(0)
                .getJsonObject("Plan");
        List<JsonObject> nodes = new ArrayList<>();
        collect(plan, nodes);
        return nodes;
    }

    private static void collect(JsonObject node, List<JsonObject> into) {
        into.add(node);
        if (node.containsKey("Plans")) {
            for (JsonValue child : node.getJsonArray("Plans")) {
                collect(child.asJsonObject(), into);
            }
        }
    }
}

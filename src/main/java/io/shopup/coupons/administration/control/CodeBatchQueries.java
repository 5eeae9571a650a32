package io.shopup.coupons.administration.control;

import io.shopup.coupons.administration.entity.BatchStatus;
import io.shopup.coupons.administration.entity.CodeBatch;
import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.platform.JdbcValues;
import io.shopup.coupons.platform.NativeSql;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of code batches: the batch row, its lease, its chunks of codes, and their pages. */
public final class CodeBatchQueries {

    static final String COLUMNS = "id, status, requested, created, prefix, random_length, started_at, finished_at, error";

    /** Claims the caller's idempotency key with the batch itself: one row, one statement. */
    static final String CREATE = """
            INSERT INTO code_batches (id, status, requested, prefix, random_length, coupon_type, user_id,
                                      coupon_status, discount_type, discount_value, max_discount, min_order_value,
                                      usage_limit, per_user_limit, valid_from, valid_until, scope, idempotency_key,
                                      request_hash, started_at, lease_owner, lease_until)
            VALUES (:id, 'RUNNING', :requested, :prefix, :randomLength, :type, :user, :status, :discountType,
                    :discountValue, :maxDiscount, :minOrderValue, CAST(:usageLimit AS int), CAST(:perUserLimit AS int),
                    CAST(:validFrom AS timestamptz), CAST(:validUntil AS timestamptz), :scope, :key, :hash, :now,
                    :owner, :leaseUntil)
            ON CONFLICT (scope, idempotency_key) DO NOTHING
            RETURNING id
            """;

    static final String BY_KEY = "SELECT id, request_hash FROM code_batches WHERE scope = :scope AND idempotency_key = :key";

    static final String FIND = "SELECT " + COLUMNS + " FROM code_batches WHERE id = :id";

    /** The batch, locked, when it is still this instance's to run. */
    static final String LOCK_MINE = "SELECT " + COLUMNS + """
             FROM code_batches WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner FOR UPDATE
            """;

    /*
     * The codes of one chunk become coupons of the batch's template; a code that exists already is
     * skipped (and drawn again in the next chunk). The count goes up in the same transaction.
     */
    public static final String INSERT_CODES = """
            WITH inserted AS (
                INSERT INTO coupons (code, type, user_id, status, discount_type, discount_value, max_discount,
                                     min_order_value, usage_limit, per_user_limit, valid_from, valid_until,
                                     batch_id, created_at, updated_at)
                SELECT c.code, b.coupon_type, b.user_id, b.coupon_status, b.discount_type, b.discount_value,
                       b.max_discount, b.min_order_value, b.usage_limit, b.per_user_limit, b.valid_from,
                       b.valid_until, b.id, :now, :now
                  FROM code_batches b CROSS JOIN unnest(string_to_array(:codes, ',')) AS c(code)
                 WHERE b.id = :id
                ON CONFLICT (code) DO NOTHING
                RETURNING 1)
            UPDATE code_batches SET created = created + (SELECT count(*) FROM inserted), lease_until = :leaseUntil
             WHERE id = :id
            RETURNING created
            """;

    static final String FINISH = """
            UPDATE code_batches SET status = :status, finished_at = :now, error = :error, lease_owner = NULL,
                                    lease_until = NULL
             WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner
            """;

    /** Gives the lease up at once (a clean stop): the next instance to look resumes the batch. */
    static final String RELEASE = """
            UPDATE code_batches SET lease_until = :now WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner
            """;

    /** Running batches whose lease ran out: their instance stopped or died. */
    static final String TAKE_OVER = """
            UPDATE code_batches SET lease_owner = ?, lease_until = ?
             WHERE id IN (SELECT id FROM code_batches WHERE status = 'RUNNING' AND lease_until <= ?
                          ORDER BY lease_until LIMIT 10 FOR UPDATE SKIP LOCKED)
            RETURNING id
            """;

    static final String CODES = """
            SELECT id, code FROM coupons WHERE batch_id = :batch AND id > :after ORDER BY batch_id, id LIMIT :limit
            """;

    static final String COUNT_CODES = "SELECT count(*) AS codes FROM coupons WHERE batch_id = :batch";

    private CodeBatchQueries() {
    }

    /** What a code-batch request asks for and who asks, with the key and hash of the request. */
    public record Request(int count, String prefix, int randomLength, CouponFields template, String scope, String key,
                          byte[] requestHash) {
    }

    /** The new batch's id; null when the caller's key names a batch already. */
    public static UUID create(EntityManager em, Request r, String owner, Instant now, Instant leaseUntil) {
        UUID id = UUID.randomUUID();
        CouponFields f = r.template();
        Tuple row = NativeSql.of(em, CREATE).uuid("id", id).number("requested", r.count()).text("prefix", r.prefix())
                .number("randomLength", r.randomLength()).text("type", f.type().name()).text("user", f.userId())
                .text("status", f.status().name()).text("discountType", f.discountType().name())
                .decimal("discountValue", f.discountValue()).decimal("maxDiscount", f.maxDiscount())
                .decimal("minOrderValue", f.minOrderValue())
                .text("usageLimit", f.usageLimit() == null ? null : f.usageLimit().toString())
                .text("perUserLimit", f.perUserLimit() == null ? null : f.perUserLimit().toString())
                .text("validFrom", f.validFrom() == null ? null : f.validFrom().toString())
                .text("validUntil", f.validUntil() == null ? null : f.validUntil().toString())
                .text("scope", r.scope()).text("key", r.key()).bytes("hash", r.requestHash()).time("now", now)
                .text("owner", owner).time("leaseUntil", leaseUntil).one();
        return row == null ? null : id;
    }

    /** The batch the caller's key made before, with the hash of the request that made it; null when none. */
    public static Tuple byKey(EntityManager em, String scope, String key) {
        return NativeSql.of(em, BY_KEY).text("scope", scope).text("key", key).one();
    }

    public static CodeBatch find(EntityManager em, UUID id) {
        Tuple row = NativeSql.of(em, FIND).uuid("id", id).one();
        return row == null ? null : batch(row);
    }

    public static CodeBatch lockMine(EntityManager em, UUID id, String owner) {
        Tuple row = NativeSql.of(em, LOCK_MINE).uuid("id", id).text("owner", owner).one();
        return row == null ? null : batch(row);
    }

    /** @return the batch's count of codes after this chunk */
    public static int insertCodes(EntityManager em, UUID id, List<String> codes, Instant now, Instant leaseUntil) {
        Tuple row = NativeSql.of(em, INSERT_CODES).uuid("id", id).text("codes", String.join(",", codes))
                .time("now", now).time("leaseUntil", leaseUntil).one();
        return ((Number) row.get("created")).intValue();
    }

    public static boolean finish(EntityManager em, UUID id, String owner, BatchStatus status, String error, Instant now) {
        return NativeSql.of(em, FINISH).uuid("id", id).text("owner", owner).text("status", status.name())
                .text("error", error).time("now", now).execute() == 1;
    }

    public static void release(EntityManager em, UUID id, String owner, Instant now) {
        NativeSql.of(em, RELEASE).uuid("id", id).text("owner", owner).time("now", now).execute();
    }

    /** Takes the lease of up to ten running batches whose lease ran out; their ids. One statement, its own transaction. */
    public static List<UUID> takeOver(Connection c, String owner, Instant now, Instant leaseUntil) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement update = c.prepareStatement(TAKE_OVER)) {
            update.setString(1, owner);
            update.setTimestamp(2, Timestamp.from(leaseUntil));
            update.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** One page of a batch's codes: {@code [id, code]} rows after the id {@code after}. */
    public static List<Tuple> codes(EntityManager em, UUID batch, long after, int limit) {
        return NativeSql.of(em, CODES).uuid("batch", batch).number("after", after).number("limit", limit).all();
    }

    public static long countCodes(EntityManager em, UUID batch) {
        return ((Number) NativeSql.of(em, COUNT_CODES).uuid("batch", batch).one().get("codes")).longValue();
    }

    static CodeBatch batch(Tuple row) {
        return new CodeBatch(UUID.fromString(row.get("id").toString()), BatchStatus.valueOf(row.get("status", String.class)),
                ((Number) row.get("requested")).intValue(), ((Number) row.get("created")).intValue(),
                row.get("prefix", String.class), ((Number) row.get("random_length")).intValue(),
                JdbcValues.instant(row.get("started_at")), JdbcValues.instant(row.get("finished_at")),
                row.get("error", String.class));
    }
}

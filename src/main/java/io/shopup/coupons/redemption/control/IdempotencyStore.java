package io.shopup.coupons.redemption.control;

import io.shopup.coupons.platform.NativeSql;
import io.shopup.coupons.redemption.entity.Answer;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Idempotency keys, claimed in the transaction of the change they guard. A transaction-scoped
 * advisory lock on the key ({@link #lockKey}) tells a request still running (the lock is taken, the answer not yet
 * stored) from one finished (the answer is stored): the second request neither waits for the
 * first nor runs beside it. The lock ends with the transaction, after its answer is visible.
 */
public final class IdempotencyStore {

    /** The outcome of claiming a key. */
    public sealed interface Claim {
    }

    /** Nobody used the key: go on, then {@link #keep} the answer in the same transaction. */
    public record Fresh() implements Claim {
    }

    /** A request with this key is running right now. */
    public record InUse() implements Claim {
    }

    /** The key answered this same request before. */
    public record Replay(Answer answer) implements Claim {
    }

    /** The key was used for another request (body, method or path). */
    public record Reused() implements Claim {
    }

    static final String FIND = """
            SELECT request_method, request_path, request_hash, response_status, response_body, location
              FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key
            """;

    static final String KEEP = """
            INSERT INTO idempotency_keys (scope, idempotency_key, request_method, request_path, request_hash,
                                          response_status, response_body, location, created_at)
            VALUES (:scope, :key, :method, :path, :hash, :status, :body, :location, :now)
            """;

    static final String FORGET_BEFORE = """
            DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys
                                                         WHERE created_at < :before LIMIT :batch)
            """;

    private IdempotencyStore() {
    }

    /**
     * What the key says about this call; the caller holds the key's advisory lock (see
     * {@link Announcing#beginTryingLock}), taken by an earlier statement, so this one's snapshot
     * holds the answer of any request with the key that finished before.
     */
    static Claim find(EntityManager em, IdempotentCall call) {
        Tuple row = NativeSql.of(em, FIND).text("scope", call.scope()).text("key", call.key()).one();
        if (row == null) {
            return new Fresh();
        }
        boolean same = call.method().equals(row.get("request_method", String.class))
                && call.path().equals(row.get("request_path", String.class))
                && Arrays.equals(call.bodyHash(), row.get("request_hash", byte[].class));
        if (!same) {
            return new Reused();
        }
        return new Replay(new Answer(((Number) row.get("response_status")).intValue(),
                row.get("response_body", String.class), row.get("location", String.class), true, 0));
    }

    public static void keep(EntityManager em, IdempotentCall call, Answer answer, Instant now) {
        NativeSql.of(em, KEEP).text("scope", call.scope()).text("key", call.key()).text("method", call.method())
                .text("path", call.path()).bytes("hash", call.bodyHash()).number("status", answer.status())
                .text("body", answer.body()).text("location", answer.location()).time("now", now).execute();
    }

    /** Deletes up to {@code batch} keys older than {@code before}; the count deleted. */
    public static int forgetBefore(EntityManager em, Instant before, int batch) {
        return NativeSql.of(em, FORGET_BEFORE).time("before", before).number("batch", batch).execute();
    }

    public static byte[] hash(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 64 bits of a hash of scope and key, for the advisory lock (a collision only answers a request 409, to be retried). */
    static long lockKey(IdempotentCall call) {
        byte[] digest = hash((call.scope() + '\n' + call.key()).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }
}

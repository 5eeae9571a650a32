package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.administration.control.CodeBatchQueries;
import io.shopup.coupons.administration.control.CouponAdminQueries;
import io.shopup.coupons.administration.entity.BatchStatus;
import io.shopup.coupons.administration.entity.CodeBatch;
import io.shopup.coupons.coupon.entity.CouponType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The code batches' transactions: creating a batch under its idempotency key, one chunk of codes
 * at a time under the batch's lease, finishing, and taking over batches whose lease ran out.
 */
@Stateless
public class CodeBatches {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    Clock clock;

    /** What a create request did. */
    public sealed interface Created {
    }

    /** A new batch: its first lease is the creating instance's. */
    public record Started(CodeBatch batch) implements Created {
    }

    /** The caller's key made this batch for this same request before. */
    public record Replayed(CodeBatch batch) implements Created {
    }

    /** The caller's key made a batch for another request. */
    public record KeyReused() implements Created {
    }

    /** The template's user does not exist. */
    public record UnknownUser() implements Created {
    }

    public Created create(CodeBatchQueries.Request request, String owner, Duration lease) {
        if (request.template().type() == CouponType.USER_SPECIFIC
                && !CouponAdminQueries.userExists(em, request.template().userId())) {
            return new UnknownUser();
        }
        Instant now = clock.instant();
        UUID id = CodeBatchQueries.create(em, request, owner, now, now.plus(lease));
        if (id != null) {
            return new Started(CodeBatchQueries.find(em, id));
        }
        Tuple earlier = CodeBatchQueries.byKey(em, request.scope(), request.key());
        if (earlier == null) {
            // Claimed and rolled back in the meantime: nothing of it is left; the client may retry.
            throw new IllegalStateException("the idempotency key's batch vanished");
        }
        if (!Arrays.equals(request.requestHash(), earlier.get("request_hash", byte[].class))) {
            return new KeyReused();
        }
        return new Replayed(CodeBatchQueries.find(em, UUID.fromString(earlier.get("id").toString())));
    }

    public CodeBatch find(UUID id) {
        return CodeBatchQueries.find(em, id);
    }

    /**
     * Inserts one chunk of drawn codes (those that exist already are skipped) in a transaction of
     * its own, and renews the lease.
     *
     * @return the batch after the chunk, or null when it is no longer this instance's to run
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public CodeBatch insertChunk(UUID id, String owner, List<String> codes, Duration lease) {
        CodeBatch batch = CodeBatchQueries.lockMine(em, id, owner);
        if (batch == null) {
            return null;
        }
        Instant now = clock.instant();
        int created = CodeBatchQueries.insertCodes(em, id, codes, now, now.plus(lease));
        return new CodeBatch(batch.id(), batch.status(), batch.requested(), created, batch.prefix(),
                batch.randomLength(), batch.startedAt(), batch.finishedAt(), batch.error());
    }

    /** The batch as this instance may run it, or null when it is not (any more). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public CodeBatch mine(UUID id, String owner) {
        return CodeBatchQueries.lockMine(em, id, owner);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finish(UUID id, String owner, BatchStatus status, String error) {
        CodeBatchQueries.finish(em, id, owner, status, error, clock.instant());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(UUID id, String owner) {
        CodeBatchQueries.release(em, id, owner, clock.instant());
    }

    /** How many of the batch's codes exist (an administrator may have deleted one that was never used). */
    public long countCodes(UUID batch) {
        return CodeBatchQueries.countCodes(em, batch);
    }

    /** One page of the batch's codes, {@code [id, code]}, after the id {@code after}. */
    public List<Tuple> codes(UUID batch, long after, int limit) {
        return CodeBatchQueries.codes(em, batch, after, limit);
    }
}

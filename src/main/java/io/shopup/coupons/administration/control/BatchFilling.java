package io.shopup.coupons.administration.control;

import io.shopup.coupons.administration.entity.CodeBatch;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Fills a batch chunk by chunk until it has every code it asked for: each chunk draws as many
 * codes as are missing (at most a chunk's worth), and the database keeps those that are new, so a
 * code that collides with an existing one is simply drawn again in a later chunk. The count read
 * back after each chunk, not the codes drawn, decides what is missing.
 */
public final class BatchFilling {

    /** Chunks in a row that add nothing: the shape's codes are used up. */
    public static final int MAX_FRUITLESS_CHUNKS = 20;

    /** How a run ended. */
    public enum End {
        /** Every code exists. */
        FILLED,
        /** Chunk after chunk added nothing. */
        EXHAUSTED,
        /** The batch is no longer this instance's to run (its lease went to another). */
        LOST,
        /** The service is stopping; the batch is as far as its count says. */
        STOPPED
    }

    /** Inserts one chunk of codes and returns the batch after it, or null when the batch is no longer ours. */
    @FunctionalInterface
    public interface Chunks {
        CodeBatch insert(List<String> codes);
    }

    private BatchFilling() {
    }

    /**
     * @param batch the batch as it is now, or null when it is not ours
     * @param draw  draws that many distinct codes
     */
    public static End fill(CodeBatch batch, int chunkSize, IntFunction<List<String>> draw, Chunks chunks,
                           BooleanSupplier stopping) {
        int fruitless = 0;
        while (batch != null) {
            int missing = batch.requested() - batch.created();
            if (missing <= 0) {
                return End.FILLED;
            }
            if (fruitless >= MAX_FRUITLESS_CHUNKS) {
                return End.EXHAUSTED;
            }
            if (stopping.getAsBoolean()) {
                return End.STOPPED;
            }
            int before = batch.created();
            batch = chunks.insert(draw.apply(Math.min(chunkSize, missing)));
            fruitless = batch != null && batch.created() == before ? fruitless + 1 : 0;
        }
        return End.LOST;
    }
}

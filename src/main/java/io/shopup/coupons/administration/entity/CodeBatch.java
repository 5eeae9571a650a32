package io.shopup.coupons.administration.entity;

import java.time.Instant;
import java.util.UUID;

/**
 * A batch of generated codes: how many were asked for and how many exist, the shape of its codes
 * ({@code prefix} followed by {@code randomLength} drawn characters), and its times.
 *
 * @param error why a {@code FAILED} batch stopped, else null
 */
public record CodeBatch(UUID id, BatchStatus status, int requested, int created, String prefix, int randomLength,
                        Instant startedAt, Instant finishedAt, String error) {

    public int codeLength() {
        return prefix.length() + randomLength;
    }
}

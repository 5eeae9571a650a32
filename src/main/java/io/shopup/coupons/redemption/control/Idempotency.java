package io.shopup.coupons.redemption.control;

import io.shopup.coupons.redemption.entity.Outcome;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.function.Function;

/**
 * Runs a change under its idempotency key, in the caller's transaction: the first request with a
 * key runs and its answer is kept with the change; the same request again gets that answer and
 * changes nothing; another request with the key, or one while the first still runs, is refused.
 * It begins the transaction as one the service announces itself ({@link Announcing}), in the same
 * round trip as the key's lock, and hands the change the transaction's id.
 */
public final class Idempotency {

    private Idempotency() {
    }

    /** @param call null when the request carries no key: the change just runs */
    public static Outcome guard(EntityManager em, IdempotentCall call, Instant now, Function<String, Outcome> change) {
        if (call == null) {
            return change.apply(Announcing.begin(em));
        }
        Announcing.Begun begun = Announcing.beginTryingLock(em, IdempotencyStore.lockKey(call));
        IdempotencyStore.Claim claim = begun.locked() ? IdempotencyStore.find(em, call) : new IdempotencyStore.InUse();
        if (claim instanceof IdempotencyStore.InUse) {
            return Outcome.of(AnswerJson.problem(409, "idempotency-key-in-use", "Idempotency key in use",
                    "A request with this Idempotency-Key is still running; retry it in a second.").retryAfter(1));
        }
        if (claim instanceof IdempotencyStore.Reused) {
            return Outcome.of(AnswerJson.problem(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used for a different request."));
        }
        if (claim instanceof IdempotencyStore.Replay replay) {
            return Outcome.of(replay.answer());
        }
        Outcome outcome = change.apply(begun.xid());
        if (outcome.answer().worthKeeping()) {
            IdempotencyStore.keep(em, call, outcome.answer(), now);
        }
        return outcome;
    }
}

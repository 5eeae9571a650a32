package io.shopup.coupons.redemption.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopup.coupons.redemption.entity.Answer;
import io.shopup.coupons.redemption.entity.Outcome;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientRetryTest {

    @Test
    void aDeadlockOrASerializationFailureIsTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        Outcome ok = Outcome.of(Answer.of(201, "{}"));
        Outcome answer = TransientRetry.run(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw failure("40P01");
            }
            if (attempts.get() == 2) {
                throw failure("40001");
            }
            return ok;
        });
        assertSame(ok, answer);
        assertEquals(3, attempts.get());
    }

    @Test
    void atMostThreeAttemptsAndOtherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> TransientRetry.run(() -> {
            attempts.incrementAndGet();
            throw failure("40P01");
        }));
        assertEquals(TransientRetry.ATTEMPTS, attempts.get());

        AtomicInteger once = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> TransientRetry.run(() -> {
            once.incrementAndGet();
            throw failure("57014");
        }));
        assertEquals(1, once.get(), "a statement timeout is a 503, not a retry");
    }

    @Test
    void aUniqueViolationThatPersistsIsAConflict() {
        Outcome outcome = TransientRetry.run(() -> {
            throw failure("23505");
        });
        assertEquals(409, outcome.answer().status());
    }

    private static RuntimeException failure(String state) {
        return new RuntimeException("wrapped", new SQLException("from PostgreSQL", state));
    }
}

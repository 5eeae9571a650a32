package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.platform.JdbcValues;
import io.shopup.coupons.platform.NativeSql;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import java.time.Instant;

/** Users one at a time: put (create or replace the email), read, delete when nothing refers to them. */
@Stateless
public class AdminUsers {

    static final String PUT = """
            INSERT INTO users (id, email) VALUES (:id, :email)
            ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email
            RETURNING id, email, created_at, (xmax = 0) AS inserted
            """;

    static final String FIND = "SELECT id, email, created_at, false AS inserted FROM users WHERE id = :id";

    /*
     * The user's row lock: an insert that refers to the user (a coupon, a redemption, a hold) takes
     * a share lock on it for its foreign key, so after this nothing new can refer to the user
     * until the delete commits, and the checks below see everything that does.
     */
    static final String LOCK = "SELECT id FROM users WHERE id = :id FOR UPDATE";

    static final String REFERRED = """
            SELECT EXISTS (SELECT 1 FROM coupons c WHERE c.user_id = :id)
                OR EXISTS (SELECT 1 FROM coupon_usage u WHERE u.user_id = :id)
                OR EXISTS (SELECT 1 FROM coupon_reservations r WHERE r.user_id = :id)
                OR EXISTS (SELECT 1 FROM code_batches b WHERE b.user_id = :id) AS referred
            """;

    static final String DELETE = "DELETE FROM users WHERE id = :id";

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    /** A user as stored; {@code created} when this request made it. */
    public record User(String id, String email, Instant createdAt, boolean created) {
    }

    /** What a delete did. */
    public enum Deleted {
        DELETED, NOT_FOUND, REFERRED
    }

    public User put(String id, String email) {
        return user(NativeSql.of(em, PUT).text("id", id).text("email", email).one());
    }

    public User find(String id) {
        Tuple row = NativeSql.of(em, FIND).text("id", id).one();
        return row == null ? null : user(row);
    }

    public Deleted delete(String id) {
        if (NativeSql.of(em, LOCK).text("id", id).one() == null) {
            return Deleted.NOT_FOUND;
        }
        if (NativeSql.of(em, REFERRED).text("id", id).one().get("referred", Boolean.class)) {
            return Deleted.REFERRED;
        }
        NativeSql.of(em, DELETE).text("id", id).execute();
        return Deleted.DELETED;
    }

    private static User user(Tuple row) {
        return new User(row.get("id", String.class), row.get("email", String.class),
                JdbcValues.instant(row.get("created_at")), row.get("inserted", Boolean.class));
    }
}

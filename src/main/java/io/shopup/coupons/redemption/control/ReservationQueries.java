package io.shopup.coupons.redemption.control;

import io.shopup.coupons.platform.NativeSql;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import io.shopup.coupons.platform.JdbcValues;
import io.shopup.coupons.redemption.entity.Reservation;
import io.shopup.coupons.redemption.entity.ReservationStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The statements of holds: take one, read one (locked for a change), commit, release, tidy. */
public final class ReservationQueries {

    private static final String COLUMNS = """
            CAST(r.id AS text) AS id, r.status, r.coupon_id, c.code, r.user_id, r.order_id, r.order_value,
            r.discount_applied, r.expires_at, r.created_at, r.usage_id
            """;

    static final String INSERT = """
            WITH r AS (
                INSERT INTO coupon_reservations (coupon_id, user_id, order_id, order_value, discount_applied,
                                                 status, expires_at, created_at)
                VALUES (:coupon, :user, :order, :orderValue, :discount, 'HELD', :expiresAt, :now)
                RETURNING *)
            SELECT %s FROM r JOIN coupons c ON c.id = r.coupon_id
            """.formatted(COLUMNS);

    /** A hold of the same order past its expiry still holds the unique index of live holds: mark it first. */
    static final String EXPIRE_FOR_ORDER = """
            UPDATE coupon_reservations SET status = 'EXPIRED', released_at = :now
             WHERE coupon_id = :coupon AND order_id = :order AND status = 'HELD' AND expires_at <= :now
            RETURNING CAST(id AS text) AS id, expires_at
            """;

    static final String FIND = "SELECT " + COLUMNS
            + " FROM coupon_reservations r JOIN coupons c ON c.id = r.coupon_id WHERE r.id = CAST(:id AS uuid)";

    static final String FIND_FOR_UPDATE = FIND + " FOR UPDATE OF r";

    static final String COMMIT = """
            WITH u AS (
                INSERT INTO coupon_usage (coupon_id, user_id, order_id, order_value, discount_applied, used_at)
                SELECT coupon_id, user_id, order_id, order_value, discount_applied, :now
                  FROM coupon_reservations WHERE id = CAST(:id AS uuid)
                RETURNING id)
            UPDATE coupon_reservations r SET status = 'COMMITTED', committed_at = :now, usage_id = u.id
              FROM u WHERE r.id = CAST(:id AS uuid)
            """;

    static final String SET_STATUS = """
            UPDATE coupon_reservations SET status = :status, released_at = :now WHERE id = CAST(:id AS uuid)
            """;

    /** The timer's tidying: at most a batch at a time, so that no statement holds many row locks. */
    static final String EXPIRE_DUE = """
            UPDATE coupon_reservations SET status = 'EXPIRED', released_at = expires_at
             WHERE id IN (SELECT id FROM coupon_reservations
                           WHERE status = 'HELD' AND expires_at <= :now
                           ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)
            """;

    private ReservationQueries() {
    }

    /** Marks the order's hold past its expiry, if it has one; the ids and expiries of those marked. */
    public static List<Reservation> expireForOrder(EntityManager em, long couponId, String orderId, Instant now) {
        List<Reservation> expired = new ArrayList<>();
        for (Tuple row : NativeSql.of(em, EXPIRE_FOR_ORDER).number("coupon", couponId).text("order", orderId)
                .time("now", now).all()) {
            expired.add(new Reservation(UUID.fromString(row.get("id", String.class)), ReservationStatus.EXPIRED,
                    couponId, null, null, orderId, null, null, JdbcValues.instant(row.get("expires_at")), null, null));
        }
        return expired;
    }

    public static Reservation insert(EntityManager em, long couponId, ValidationRequest request, BigDecimal discount,
                                     Instant now, Instant expiresAt) {
        return reservation(NativeSql.of(em, INSERT).number("coupon", couponId).text("user", request.userId())
                .text("order", request.orderId()).decimal("orderValue", request.orderValue())
                .decimal("discount", discount).time("expiresAt", expiresAt).time("now", now).one());
    }

    public static Reservation find(EntityManager em, UUID id) {
        return reservation(NativeSql.of(em, FIND).text("id", id.toString()).one());
    }

    public static Reservation lock(EntityManager em, UUID id) {
        return reservation(NativeSql.of(em, FIND_FOR_UPDATE).text("id", id.toString()).one());
    }

    /** Turns a live hold into a redemption with the hold's discount. */
    public static void commit(EntityManager em, UUID id, Instant now) {
        NativeSql.of(em, COMMIT).text("id", id.toString()).time("now", now).execute();
    }

    public static void setStatus(EntityManager em, UUID id, ReservationStatus status, Instant now) {
        NativeSql.of(em, SET_STATUS).text("id", id.toString()).text("status", status.name()).time("now", now).execute();
    }

    public static int expireDue(EntityManager em, Instant now, int batch) {
        return NativeSql.of(em, EXPIRE_DUE).time("now", now).number("batch", batch).execute();
    }

    private static Reservation reservation(Tuple row) {
        if (row == null) {
            return null;
        }
        Number usage = (Number) row.get("usage_id");
        return new Reservation(UUID.fromString(row.get("id", String.class)),
                ReservationStatus.valueOf(row.get("status", String.class)),
                ((Number) row.get("coupon_id")).longValue(), row.get("code", String.class),
                row.get("user_id", String.class), row.get("order_id", String.class),
                row.get("order_value", BigDecimal.class), row.get("discount_applied", BigDecimal.class),
                JdbcValues.instant(row.get("expires_at")), JdbcValues.instant(row.get("created_at")),
                usage == null ? null : usage.longValue());
    }
}

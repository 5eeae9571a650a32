package io.shopup.coupons.administration.control;

import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.administration.entity.ManagedCoupon;
import io.shopup.coupons.coupon.control.CouponRows;
import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.platform.JdbcValues;
import io.shopup.coupons.platform.NativeSql;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of the Management API's coupons: one row by code, pages by id, and the writes. */
public final class CouponAdminQueries {

    static final String COLUMNS = """
            c.id, c.code, c.type, c.user_id, c.status, c.discount_type, c.discount_value, c.max_discount,
            c.min_order_value, c.usage_limit, c.per_user_limit, c.valid_from, c.valid_until, c.created_at,
            c.updated_at, c.batch_id
            """;

    /*
     * The counters the database keeps (V5, V7); holds past their expiry that the timer has not
     * marked yet do not count (an index range of coupon_reservations_live_expiry).
     */
    static final String COUNTS = """
            coalesce((SELECT t.used FROM coupon_usage_totals t WHERE t.coupon_id = c.id), 0) AS redeemed,
            coalesce((SELECT h.held FROM coupon_hold_totals h WHERE h.coupon_id = c.id), 0)
            - (SELECT count(*) FROM coupon_reservations r
                WHERE r.coupon_id = c.id AND r.status = 'HELD' AND r.expires_at <= :now) AS held
            """;

    static final String FIND = "SELECT " + COLUMNS + ", " + COUNTS + " FROM coupons c WHERE c.code = :code";

    /** The coupon's row lock, the one every hold and redemption takes first (see LockedFacts). */
    static final String LOCK = "SELECT c.id FROM coupons c WHERE c.code = :code FOR NO KEY UPDATE";

    static final String INSERT = """
            INSERT INTO coupons (code, type, user_id, status, discount_type, discount_value, max_discount,
                                 min_order_value, usage_limit, per_user_limit, valid_from, valid_until,
                                 created_at, updated_at)
            VALUES (:code, :type, :user, :status, :discountType, :discountValue, :maxDiscount, :minOrderValue,
                    CAST(:usageLimit AS int), CAST(:perUserLimit AS int), CAST(:validFrom AS timestamptz),
                    CAST(:validUntil AS timestamptz), :now, :now)
            ON CONFLICT (code) DO NOTHING
            RETURNING id
            """;

    static final String UPDATE = """
            UPDATE coupons SET status = :status, discount_type = :discountType, discount_value = :discountValue,
                               max_discount = :maxDiscount, min_order_value = :minOrderValue,
                               usage_limit = CAST(:usageLimit AS int), per_user_limit = CAST(:perUserLimit AS int),
                               valid_from = CAST(:validFrom AS timestamptz),
                               valid_until = CAST(:validUntil AS timestamptz), updated_at = :now
             WHERE id = :id
            """;

    /** Anything that says the coupon was used: a redemption, a hold of any status, a rolled back redemption. */
    static final String EVER_USED = """
            SELECT EXISTS (SELECT 1 FROM coupon_usage u WHERE u.coupon_id = :id)
                OR EXISTS (SELECT 1 FROM coupon_reservations r WHERE r.coupon_id = :id)
                OR EXISTS (SELECT 1 FROM coupon_usage_rollbacks b WHERE b.coupon_id = :id) AS used
            """;

    static final String DELETE = "DELETE FROM coupons WHERE id = :id";

    static final String USER_EXISTS = "SELECT EXISTS (SELECT 1 FROM users WHERE id = :user) AS found";

    private CouponAdminQueries() {
    }

    /** What a page of coupons is filtered by; null members do not filter. */
    public record Filter(CouponStatus status, CouponType type, String userId, String codePrefix) {
    }

    public static ManagedCoupon find(EntityManager em, String code, Instant now) {
        Tuple row = NativeSql.of(em, FIND).text("code", code).time("now", now).one();
        return row == null ? null : managed(row);
    }

    /** Takes the coupon's row lock for the rest of the transaction; false when there is no such coupon. */
    public static boolean lock(EntityManager em, String code) {
        return NativeSql.of(em, LOCK).text("code", code).one() != null;
    }

    /** The new coupon's id, or null when the code exists. */
    public static Long insert(EntityManager em, CouponFields f, Instant now) {
        Tuple row = values(NativeSql.of(em, INSERT), f).text("code", f.code()).text("type", f.type().name())
                .text("user", f.userId()).time("now", now).one();
        return row == null ? null : ((Number) row.get("id")).longValue();
    }

    public static void update(EntityManager em, long id, CouponFields f, Instant now) {
        values(NativeSql.of(em, UPDATE), f).number("id", id).time("now", now).execute();
    }

    public static boolean everUsed(EntityManager em, long id) {
        return NativeSql.of(em, EVER_USED).number("id", id).one().get("used", Boolean.class);
    }

    public static void delete(EntityManager em, long id) {
        NativeSql.of(em, DELETE).number("id", id).execute();
    }

    public static boolean userExists(EntityManager em, String user) {
        return NativeSql.of(em, USER_EXISTS).text("user", user).one().get("found", Boolean.class);
    }

    /**
     * Up to {@code limit} coupons in id order after {@code afterId}: a keyset page, stable while
     * coupons are added (new ones have larger ids and come on later pages).
     */
    public static List<ManagedCoupon> page(EntityManager em, Filter filter, long afterId, int limit, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", " + COUNTS + " FROM coupons c WHERE c.id > :after");
        if (filter.status() != null) {
            sql.append(" AND c.status = :status");
        }
        if (filter.type() != null) {
            sql.append(" AND c.type = :type");
        }
        if (filter.userId() != null) {
            sql.append(" AND c.user_id = :user");
        }
        if (filter.codePrefix() != null) {
            sql.append(" AND starts_with(c.code, :prefix)");
        }
        sql.append(" ORDER BY c.id LIMIT :limit");
        NativeSql query = NativeSql.of(em, sql.toString()).number("after", afterId).number("limit", limit)
                .time("now", now);
        if (filter.status() != null) {
            query.text("status", filter.status().name());
        }
        if (filter.type() != null) {
            query.text("type", filter.type().name());
        }
        if (filter.userId() != null) {
            query.text("user", filter.userId());
        }
        if (filter.codePrefix() != null) {
            query.text("prefix", filter.codePrefix());
        }
        List<ManagedCoupon> coupons = new ArrayList<>();
        for (Tuple row : query.all()) {
            coupons.add(managed(row));
        }
        return coupons;
    }

    private static NativeSql values(NativeSql sql, CouponFields f) {
        return sql.text("status", f.status().name()).text("discountType", f.discountType().name())
                .decimal("discountValue", f.discountValue()).decimal("maxDiscount", f.maxDiscount())
                .decimal("minOrderValue", f.minOrderValue())
                .text("usageLimit", f.usageLimit() == null ? null : f.usageLimit().toString())
                .text("perUserLimit", f.perUserLimit() == null ? null : f.perUserLimit().toString())
                .text("validFrom", f.validFrom() == null ? null : f.validFrom().toString())
                .text("validUntil", f.validUntil() == null ? null : f.validUntil().toString());
    }

    static ManagedCoupon managed(Tuple row) {
        CouponSnapshot s = CouponRows.snapshot(row);
        CouponFields fields = new CouponFields(s.code(), s.type(), s.ownerUserId(), s.status(), s.discountType(),
                s.discountValue(), s.maxDiscount(), s.minOrderValue(), s.usageLimit(), s.perUserLimit(), s.validFrom(),
                s.validUntil());
        Object batch = row.get("batch_id");
        return new ManagedCoupon(s.id(), fields, JdbcValues.instant(row.get("created_at")),
                JdbcValues.instant(row.get("updated_at")), batch == null ? null : UUID.fromString(batch.toString()),
                ((Number) row.get("redeemed")).longValue(), Math.max(0, ((Number) row.get("held")).longValue()));
    }
}

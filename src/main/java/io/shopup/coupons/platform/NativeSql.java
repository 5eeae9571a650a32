package io.shopup.coupons.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.List;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** A native query with named parameters, typed where PostgreSQL needs to know the type. */
public final class NativeSql {

    private final NativeQuery<Tuple> query;

    @SuppressWarnings("unchecked")
    private NativeSql(EntityManager em, String sql) {
        this.query = em.createNativeQuery(sql, Tuple.class).unwrap(NativeQuery.class);
    }

    public static NativeSql of(EntityManager em, String sql) {
        return new NativeSql(em, sql);
    }

    public NativeSql text(String name, String value) {
        query.setParameter(name, value, StandardBasicTypes.STRING);
        return this;
    }

    public NativeSql number(String name, long value) {
        query.setParameter(name, value, StandardBasicTypes.LONG);
        return this;
    }

    public NativeSql decimal(String name, java.math.BigDecimal value) {
        query.setParameter(name, value, StandardBasicTypes.BIG_DECIMAL);
        return this;
    }

    public NativeSql time(String name, Instant value) {
        query.setParameter(name, value, StandardBasicTypes.INSTANT);
        return this;
    }

    public NativeSql bytes(String name, byte[] value) {
        query.setParameter(name, value, StandardBasicTypes.BINARY);
        return this;
    }

    public NativeSql uuid(String name, java.util.UUID value) {
        query.setParameter(name, value, StandardBasicTypes.UUID);
        return this;
    }

    public Tuple one() {
        List<Tuple> rows = query.getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    public List<Tuple> all() {
        return query.getResultList();
    }

    public int execute() {
        return query.executeUpdate();
    }
}

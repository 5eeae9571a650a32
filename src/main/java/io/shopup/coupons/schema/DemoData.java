package io.shopup.coupons.schema;

import io.shopup.coupons.coupon.entity.Coupon;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.DiscountType;
import io.shopup.coupons.coupon.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A handful of users and coupons, among them the contract's {@code USER-TEST}, so that a fresh
 * development database answers the README's examples. Loaded only when
 * {@code coupons.demo-data.enabled} is true and the database has no coupon at all.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "coupons.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void loadIntoEmptyDatabase() {
        if (!enabled) {
            return;
        }
        long coupons = ((Number) em.createNativeQuery("SELECT count(*) FROM coupons").getSingleResult()).longValue();
        if (coupons > 0) {
            return;
        }
        for (int i = 1; i <= 5; i++) {
            String id = String.format("user_%07d", i);
            if (em.find(User.class, id) == null) {
                em.persist(new User(id, id + "@example.com"));
            }
        }
        Instant now = clock.instant();
        Duration day = Duration.ofDays(1);
        em.persist(Coupon.forUser("USER-TEST", "user_0000001", DiscountType.PERCENT, new BigDecimal("10"))
                .maxDiscount(new BigDecimal("50.00")).minOrderValue(new BigDecimal("100.00")).limits(null, 1));
        em.persist(Coupon.forWindow("WELCOME10", now.minus(day.multipliedBy(30)), now.plus(day.multipliedBy(365)),
                DiscountType.PERCENT, new BigDecimal("10")).maxDiscount(new BigDecimal("25.00")).limits(null, null));
        em.persist(Coupon.forWindow("FLAT5", now.minus(day), now.plus(day.multipliedBy(90)),
                DiscountType.FIXED, new BigDecimal("5.00")).minOrderValue(new BigDecimal("20.00")).limits(1000, 3));
        em.persist(Coupon.forWindow("SUMMER-OLD", now.minus(day.multipliedBy(120)), now.minus(day.multipliedBy(30)),
                DiscountType.PERCENT, new BigDecimal("15")));
        em.persist(Coupon.forWindow("PAUSED", now.minus(day), now.plus(day.multipliedBy(30)),
                DiscountType.FIXED, new BigDecimal("10.00")).status(CouponStatus.INACTIVE));
        LOG.info("Loaded the demo data set: 5 users, 5 coupons including USER-TEST");
    }
}

-- The service announces the changes of its own transactions to the coupon caches after they
-- commit, in batches (CacheAnnouncer), instead of the triggers: a NOTIFY takes a database-wide
-- lock that its transaction holds until its commit is on disk, so notifying transactions commit
-- one at a time. Measured on PostgreSQL 15 with fsync on, 16 clients inserting redemptions:
-- 1,772 per second with the notifying trigger, 6,335 without. A transaction that sets
-- coupons.announce_after_commit to 'on' (SET LOCAL) is not notified by the triggers; every other
-- writer (seed scripts, operators, the tidying timer) still is.
-- Removed holds now carry their expiry: ["id", coupon_id, expires_epoch_ms], so that a cache that
-- learns of a removal before the addition (announced by two instances) can ignore the addition.

CREATE OR REPLACE FUNCTION notify_coupon_usage() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    xid CONSTANT text := pg_current_xact_id()::text;
    changed bigint;
BEGIN
    IF current_setting('coupons.announce_after_commit', true) = 'on' THEN
        -- The service's own transaction: it announces its changes itself once committed.
        RETURN NULL;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('coupon_cache', 'usage:*');
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO changed FROM new_rows;
    ELSE
        SELECT count(*) INTO changed FROM old_rows;
    END IF;
    IF changed > 1000 THEN
        PERFORM pg_notify('coupon_cache', 'usage:*');
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        IF NOT notify_usage_rows('usage-:' || xid || ':', (SELECT array_agg(
                jsonb_build_array(coupon_id, user_id, order_id)) FROM old_rows)) THEN
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM notify_usage_rows('usage+:' || xid || ':', (SELECT array_agg(
                jsonb_build_array(coupon_id, user_id, order_id)) FROM new_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION notify_coupon_holds() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    xid CONSTANT text := pg_current_xact_id()::text;
    changed bigint;
BEGIN
    IF current_setting('coupons.announce_after_commit', true) = 'on' THEN
        -- The service's own transaction: it announces its changes itself once committed.
        RETURN NULL;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('coupon_cache', 'holds:*');
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO changed FROM new_rows;
    ELSE
        SELECT count(*) INTO changed FROM old_rows;
    END IF;
    IF changed > 1000 THEN
        PERFORM pg_notify('coupon_cache', 'holds:*');
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        IF NOT notify_rows('holds-:' || xid || ':', (SELECT array_agg(jsonb_build_array(id, coupon_id,
                (extract(epoch FROM expires_at) * 1000)::bigint)) FROM old_rows WHERE status = 'HELD'), 'holds:*') THEN
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM notify_rows('holds+:' || xid || ':', (SELECT array_agg(jsonb_build_array(id, coupon_id, user_id,
                order_id, (extract(epoch FROM expires_at) * 1000)::bigint)) FROM new_rows WHERE status = 'HELD'),
                'holds:*');
    END IF;
    RETURN NULL;
END
$$;

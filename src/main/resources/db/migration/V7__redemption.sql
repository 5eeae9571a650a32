-- Redemption: holds (reservations), rollbacks and idempotency keys. The service answers from the
-- counters below in O(1); the database keeps them, so rows written in SQL count like any other.
SET LOCAL statement_timeout = 0;

-- One redemption per coupon and order. The index keeps its name: the validation query and its
-- plan test use it.
CREATE UNIQUE INDEX coupon_usage_one_per_order ON coupon_usage (coupon_id, order_id) WHERE order_id IS NOT NULL;
DROP INDEX coupon_usage_coupon_order;
ALTER INDEX coupon_usage_one_per_order RENAME TO coupon_usage_coupon_order;

-- The order value a redemption was taken for (NULL for rows written without one).
ALTER TABLE coupon_usage ADD COLUMN order_value NUMERIC(12, 2);

CREATE TABLE coupon_reservations (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    coupon_id        BIGINT         NOT NULL REFERENCES coupons (id),
    user_id          TEXT           NOT NULL REFERENCES users (id),
    order_id         TEXT           NOT NULL,
    order_value      NUMERIC(12, 2) NOT NULL,
    discount_applied NUMERIC(12, 2) NOT NULL,
    status           TEXT           NOT NULL DEFAULT 'HELD'
        CHECK (status IN ('HELD', 'COMMITTED', 'RELEASED', 'EXPIRED')),
    expires_at       TIMESTAMPTZ    NOT NULL,
    created_at       TIMESTAMPTZ    NOT NULL DEFAULT now(),
    committed_at     TIMESTAMPTZ,
    released_at      TIMESTAMPTZ,
    usage_id         BIGINT,
    CHECK (status <> 'COMMITTED' OR usage_id IS NOT NULL)
);
-- At most one live hold per coupon and order; a hold past its expiry is marked EXPIRED before a
-- new one for its order is taken.
CREATE UNIQUE INDEX coupon_reservations_live_order ON coupon_reservations (coupon_id, order_id) WHERE status = 'HELD';
CREATE INDEX coupon_reservations_live_user ON coupon_reservations (coupon_id, user_id, expires_at) WHERE status = 'HELD';
CREATE INDEX coupon_reservations_live_expiry ON coupon_reservations (coupon_id, expires_at) WHERE status = 'HELD';
CREATE INDEX coupon_reservations_expiry ON coupon_reservations (expires_at) WHERE status = 'HELD';
CREATE INDEX coupon_reservations_user ON coupon_reservations (user_id);

-- A redemption rolled back: the coupon_usage row, kept with when and why.
CREATE TABLE coupon_usage_rollbacks (
    usage_id         BIGINT PRIMARY KEY,
    coupon_id        BIGINT      NOT NULL,
    user_id          TEXT,
    order_id         TEXT,
    order_value      NUMERIC(12, 2),
    discount_applied NUMERIC(12, 2),
    used_at          TIMESTAMPTZ,
    rolled_back_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    reason           TEXT
);
CREATE INDEX coupon_usage_rollbacks_coupon ON coupon_usage_rollbacks (coupon_id);

-- Each coupon's holds with status HELD, expired or not (the service does not count those past
-- their expiry: when a limit looks reached, it marks them EXPIRED first and counts again).
CREATE TABLE coupon_hold_totals (
    coupon_id BIGINT PRIMARY KEY REFERENCES coupons (id) ON DELETE CASCADE,
    held      BIGINT NOT NULL
);

CREATE FUNCTION count_coupon_holds() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM coupon_hold_totals;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE coupon_hold_totals t SET held = t.held - d.n
          FROM (SELECT coupon_id, count(*) AS n FROM old_rows WHERE status = 'HELD'
                 GROUP BY coupon_id ORDER BY coupon_id) d
         WHERE t.coupon_id = d.coupon_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO coupon_hold_totals (coupon_id, held)
        SELECT coupon_id, count(*) FROM new_rows WHERE status = 'HELD' GROUP BY coupon_id ORDER BY coupon_id
        ON CONFLICT (coupon_id) DO UPDATE SET held = coupon_hold_totals.held + EXCLUDED.held;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER coupon_reservations_count_insert AFTER INSERT ON coupon_reservations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_coupon_holds();
CREATE TRIGGER coupon_reservations_count_update AFTER UPDATE ON coupon_reservations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_coupon_holds();
CREATE TRIGGER coupon_reservations_count_delete AFTER DELETE ON coupon_reservations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_coupon_holds();
CREATE TRIGGER coupon_reservations_count_truncate AFTER TRUNCATE ON coupon_reservations
    FOR EACH STATEMENT EXECUTE FUNCTION count_coupon_holds();

-- The cache counts live holds as validation does; like redemptions, the notification carries
-- the rows: 'holds+:<xid>:<n>:[["id",coupon_id,"user_id","order_id",expires_epoch_ms], ...]' for
-- holds that became HELD, 'holds-:<xid>:<n>:[["id",coupon_id], ...]' for holds that left it, and
-- 'holds:*' (reload every live hold) for more than 1,000 rows, a TRUNCATE or a row too long.
CREATE FUNCTION notify_rows(prefix text, changed_rows jsonb[], reload text) RETURNS boolean
    LANGUAGE plpgsql AS $$
DECLARE
    payload text := '';
    item text;
BEGIN
    IF changed_rows IS NULL THEN
        RETURN true;
    END IF;
    FOREACH item IN ARRAY changed_rows::text[] LOOP
        IF octet_length(prefix) + octet_length(item) + 22 > 7900 THEN
            PERFORM pg_notify('coupon_cache', reload);
            RETURN false;
        END IF;
        IF payload <> '' AND octet_length(prefix) + octet_length(payload) + octet_length(item) + 23 > 7900 THEN
            PERFORM pg_notify('coupon_cache', prefix || nextval('coupon_usage_notifications') || ':[' || payload || ']');
            payload := '';
        END IF;
        payload := CASE WHEN payload = '' THEN item ELSE payload || ',' || item END;
    END LOOP;
    PERFORM pg_notify('coupon_cache', prefix || nextval('coupon_usage_notifications') || ':[' || payload || ']');
    RETURN true;
END
$$;

CREATE FUNCTION notify_coupon_holds() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    xid CONSTANT text := pg_current_xact_id()::text;
    changed bigint;
BEGIN
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
        IF NOT notify_rows('holds-:' || xid || ':', (SELECT array_agg(jsonb_build_array(id, coupon_id))
                FROM old_rows WHERE status = 'HELD'), 'holds:*') THEN
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

CREATE TRIGGER coupon_reservations_cache_insert AFTER INSERT ON coupon_reservations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_holds();
CREATE TRIGGER coupon_reservations_cache_update AFTER UPDATE ON coupon_reservations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_holds();
CREATE TRIGGER coupon_reservations_cache_delete AFTER DELETE ON coupon_reservations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_holds();
CREATE TRIGGER coupon_reservations_cache_truncate AFTER TRUNCATE ON coupon_reservations
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_holds();

-- Idempotency keys of the Integration API: the first answer to a key, kept at least 24 hours.
-- A key is claimed in the transaction of the change it guards.
CREATE TABLE idempotency_keys (
    scope           TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_method  TEXT        NOT NULL,
    request_path    TEXT        NOT NULL,
    request_hash    BYTEA       NOT NULL,
    response_status INT         NOT NULL,
    response_body   TEXT        NOT NULL,
    location        TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- The database keeps each coupon's number of redemptions itself, so that nobody (the cache, the
-- fallback query, an operator) has to count a popular coupon's rows to know it: rows written in
-- SQL count like any other. Statement-level triggers add one aggregate per coupon and statement.
-- Migrations may run long on a large database: this one lifts the pool's statement timeout.
SET LOCAL statement_timeout = 0;

CREATE TABLE coupon_usage_totals (
    coupon_id BIGINT PRIMARY KEY REFERENCES coupons (id) ON DELETE CASCADE,
    used      BIGINT NOT NULL
);

CREATE FUNCTION count_coupon_usage() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM coupon_usage_totals;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        -- In coupon id order, so that two statements touching the same coupons lock them alike.
        UPDATE coupon_usage_totals t SET used = t.used - d.n
          FROM (SELECT coupon_id, count(*) AS n FROM old_rows GROUP BY coupon_id ORDER BY coupon_id) d
         WHERE t.coupon_id = d.coupon_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO coupon_usage_totals (coupon_id, used)
        SELECT coupon_id, count(*) FROM new_rows GROUP BY coupon_id ORDER BY coupon_id
        ON CONFLICT (coupon_id) DO UPDATE SET used = coupon_usage_totals.used + EXCLUDED.used;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER coupon_usage_count_insert AFTER INSERT ON coupon_usage REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_coupon_usage();
CREATE TRIGGER coupon_usage_count_update AFTER UPDATE ON coupon_usage
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_coupon_usage();
CREATE TRIGGER coupon_usage_count_delete AFTER DELETE ON coupon_usage REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_coupon_usage();
CREATE TRIGGER coupon_usage_count_truncate AFTER TRUNCATE ON coupon_usage
    FOR EACH STATEMENT EXECUTE FUNCTION count_coupon_usage();

INSERT INTO coupon_usage_totals (coupon_id, used)
SELECT coupon_id, count(*) FROM coupon_usage GROUP BY coupon_id;

-- The cache learns of a redemption added or removed from the notification itself, which carries
-- the rows: it never re-reads a coupon's redemptions to follow a change. Payloads:
--   'usage+:<xid>:<n>:[[coupon_id,"user_id","order_id" or null], ...]'  rows added
--   'usage-:<xid>:<n>:[...]'                                              rows removed
-- where xid is the writing transaction's id, so that a cache that loaded from a snapshot in which
-- that transaction was already visible skips it, and n is drawn from a sequence: PostgreSQL folds
-- identical payloads of one transaction into one, and two equal rows are two redemptions. An UPDATE removes the old rows and adds the new
-- ones. A statement of more than 1,000 rows, a TRUNCATE, or a row too long for a payload asks for
-- a reload of all redemptions ('usage:*').
CREATE OR REPLACE FUNCTION notify_coupon_usage() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    xid CONSTANT text := pg_current_xact_id()::text;
    changed bigint;
BEGIN
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

-- Sends the rows in payloads of at most 7,900 bytes; false (after asking for a reload) when one
-- row alone is too long.
CREATE SEQUENCE coupon_usage_notifications CYCLE;

CREATE FUNCTION notify_usage_rows(prefix text, usage_rows jsonb[]) RETURNS boolean
    LANGUAGE plpgsql AS $$
DECLARE
    payload text := '';
    item text;
BEGIN
    IF usage_rows IS NULL THEN
        RETURN true;
    END IF;
    FOREACH item IN ARRAY usage_rows::text[] LOOP
        IF octet_length(prefix) + octet_length(item) + 22 > 7900 THEN
            PERFORM pg_notify('coupon_cache', 'usage:*');
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

DROP TRIGGER coupon_usage_cache_insert ON coupon_usage;
DROP TRIGGER coupon_usage_cache_update ON coupon_usage;
DROP TRIGGER coupon_usage_cache_delete ON coupon_usage;
DROP TRIGGER coupon_usage_cache_truncate ON coupon_usage;

CREATE TRIGGER coupon_usage_cache_insert AFTER INSERT ON coupon_usage REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_usage();
CREATE TRIGGER coupon_usage_cache_update AFTER UPDATE ON coupon_usage
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_usage();
CREATE TRIGGER coupon_usage_cache_delete AFTER DELETE ON coupon_usage REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_usage();
CREATE TRIGGER coupon_usage_cache_truncate AFTER TRUNCATE ON coupon_usage
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_usage();

-- A user's redemptions: serves the foreign key check when a user is deleted (without it, each
-- deleted user costs a scan of every redemption) and "what did this user redeem".
CREATE INDEX coupon_usage_user ON coupon_usage (user_id);

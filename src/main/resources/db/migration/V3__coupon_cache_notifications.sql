-- Tells the service's in-memory copy of coupons, redemptions and users what changed, whoever
-- changed it: the service, a seed script or an operator in psql. Statement-level triggers send
-- one notification per 16 changed keys, delivered on commit and in commit order; a statement that
-- changes more than 1,000 rows (a bulk load), a TRUNCATE, or keys too long to fit in a payload ask
-- for a reload of the whole table.
-- Payloads: '<kind>:<JSON array of keys>' or '<kind>:*', where kind is coupons (key: id),
-- usage (key: coupon_id) or users (key: id).
CREATE FUNCTION notify_coupon_cache() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    kind CONSTANT text := TG_ARGV[0];
    key_column CONSTANT text := TG_ARGV[1];
    changed bigint;
    keys jsonb;
    chunk jsonb;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('coupon_cache', kind || ':*');
        RETURN NULL;
    END IF;
    -- Transition tables exist only for the events that have them: each branch reads its own.
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO changed FROM new_rows;
        IF changed <= 1000 THEN
            SELECT jsonb_agg(DISTINCT to_jsonb(r) -> key_column) INTO keys FROM new_rows r;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT count(*) INTO changed FROM old_rows;
        IF changed <= 1000 THEN
            SELECT jsonb_agg(DISTINCT to_jsonb(r) -> key_column) INTO keys FROM old_rows r;
        END IF;
    ELSE
        SELECT count(*) INTO changed FROM new_rows;
        IF changed <= 1000 THEN
            SELECT jsonb_agg(DISTINCT k) INTO keys
              FROM (SELECT to_jsonb(r) -> key_column AS k FROM new_rows r
                    UNION ALL
                    SELECT to_jsonb(r) -> key_column FROM old_rows r) both_images;
        END IF;
    END IF;
    IF changed > 1000 THEN
        PERFORM pg_notify('coupon_cache', kind || ':*');
    ELSIF keys IS NOT NULL THEN
        FOR chunk IN
            SELECT jsonb_agg(k) FROM (SELECT k, (n - 1) / 16 AS g
                                        FROM jsonb_array_elements(keys) WITH ORDINALITY AS e(k, n)) numbered
             GROUP BY g
        LOOP
            IF octet_length(chunk::text) > 7900 THEN
                -- Keys too long to name within PostgreSQL's 8000-byte payload: reload the table.
                PERFORM pg_notify('coupon_cache', kind || ':*');
                RETURN NULL;
            END IF;
            PERFORM pg_notify('coupon_cache', kind || ':' || chunk::text);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER coupons_cache_insert AFTER INSERT ON coupons REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('coupons', 'id');
CREATE TRIGGER coupons_cache_update AFTER UPDATE ON coupons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('coupons', 'id');
CREATE TRIGGER coupons_cache_delete AFTER DELETE ON coupons REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('coupons', 'id');
CREATE TRIGGER coupons_cache_truncate AFTER TRUNCATE ON coupons
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('coupons', 'id');

CREATE TRIGGER coupon_usage_cache_insert AFTER INSERT ON coupon_usage REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('usage', 'coupon_id');
CREATE TRIGGER coupon_usage_cache_update AFTER UPDATE ON coupon_usage
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('usage', 'coupon_id');
CREATE TRIGGER coupon_usage_cache_delete AFTER DELETE ON coupon_usage REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('usage', 'coupon_id');
CREATE TRIGGER coupon_usage_cache_truncate AFTER TRUNCATE ON coupon_usage
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('usage', 'coupon_id');

CREATE TRIGGER users_cache_insert AFTER INSERT ON users REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('users', 'id');
CREATE TRIGGER users_cache_update AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('users', 'id');
CREATE TRIGGER users_cache_delete AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('users', 'id');
CREATE TRIGGER users_cache_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_coupon_cache('users', 'id');

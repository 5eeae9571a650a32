-- Statistics whose period cuts a busy hour read the minutes of that hour from per-minute totals
-- instead of its rows. Per-minute totals are kept only where they pay: once a coupon's hour has
-- 500 rows of one reason, it is marked in validation_log_minute_hours two minutes ahead, and from
-- its mark on the trigger adds its rows to the per-minute totals too; once the hour has ended, the
-- hourly maintenance (fill_validation_log_minutes) counts its minutes before the mark from its
-- rows and moves the mark to the hour's start. Every other coupon-hour (most coupons, a few
-- validations an hour) costs the writes next to nothing more than before. An edge of a period
-- then reads at most the rows of an hour before its mark (500 per reason and two minutes of
-- traffic, in the current hour only) and of two partial minutes.
--
-- Why the mark points two minutes ahead: a writer that began before the mark was committed does
-- not see it and adds its rows to the hourly totals only; those rows were validated before it
-- began, and the mark is only ever placed two minutes after both the database's clock and the
-- newest row of the marking write. So the minutes from the mark on hold every row, as long as the
-- instances' clocks are within a minute of the database's. A mark that would fall past its hour
-- (an hour already over when it gets busy, a spill replayed long after) points to the hour's end:
-- nothing in it is counted by minute until the hourly maintenance fills it.
SET LOCAL statement_timeout = 0;

-- Writers of older versions wait for the backfill below instead of writing rows it cannot see.
LOCK TABLE validation_logs IN SHARE MODE;

CREATE TABLE validation_log_minute_hours (
    coupon_code TEXT NOT NULL,
    hour        TIMESTAMPTZ NOT NULL,
    -- The first minute whose rows are all in the per-minute totals.
    from_minute TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (coupon_code, hour)
);

CREATE TABLE validation_log_minutely (
    coupon_code       TEXT NOT NULL,
    minute            TIMESTAMPTZ NOT NULL,
    validation_reason TEXT NOT NULL,
    attempts          BIGINT NOT NULL,
    valid             BIGINT NOT NULL,
    discount_total    NUMERIC(18, 2) NOT NULL,
    response_ms_sum   NUMERIC(20, 3) NOT NULL,
    response_ms_count BIGINT NOT NULL,
    PRIMARY KEY (coupon_code, minute, validation_reason)
);

CREATE TABLE validation_log_minutely_times (
    coupon_code TEXT NOT NULL,
    minute      TIMESTAMPTZ NOT NULL,
    bucket      SMALLINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (coupon_code, minute, bucket)
);

CREATE OR REPLACE FUNCTION roll_up_validation_logs() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- The hours as before (V6); the minutes only of the rows of marked hours, found by a join with
    -- the few marks, so that a write of quiet coupons costs little more than it did. Every table's
    -- rows are written in key order, and the statements in the same order, so that writers of two
    -- instances take their locks alike.
    WITH hours AS (
        INSERT INTO validation_log_hourly AS h
        SELECT coupon_code, date_trunc('hour', validated_at, 'UTC'), validation_reason, count(*),
               count(*) FILTER (WHERE is_valid), coalesce(sum(discount_applied) FILTER (WHERE is_valid), 0),
               coalesce(sum(response_time_ms), 0), count(response_time_ms)
          FROM new_rows
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
        ON CONFLICT (coupon_code, hour, validation_reason) DO UPDATE
           SET attempts = h.attempts + EXCLUDED.attempts, valid = h.valid + EXCLUDED.valid,
               discount_total = h.discount_total + EXCLUDED.discount_total,
               response_ms_sum = h.response_ms_sum + EXCLUDED.response_ms_sum,
               response_ms_count = h.response_ms_count + EXCLUDED.response_ms_count
        RETURNING h.coupon_code, h.hour, h.attempts),
    busy AS (
        SELECT DISTINCT coupon_code, hour FROM hours WHERE attempts >= 500),
    marks AS (
        INSERT INTO validation_log_minute_hours
        SELECT b.coupon_code, b.hour,
               least(date_trunc('minute', greatest(now(), max(r.validated_at)), 'UTC') + INTERVAL '2 minutes',
                     b.hour + INTERVAL '1 hour')
          FROM busy b JOIN new_rows r
            ON r.coupon_code = b.coupon_code AND date_trunc('hour', r.validated_at, 'UTC') = b.hour
         GROUP BY 1, 2
         ORDER BY 1, 2
        ON CONFLICT (coupon_code, hour) DO NOTHING)
    -- Marks written by this statement point past its rows, so that it cannot see them is no loss.
    INSERT INTO validation_log_minutely AS t
    SELECT r.coupon_code, date_trunc('minute', r.validated_at, 'UTC'), r.validation_reason, count(*),
           count(*) FILTER (WHERE r.is_valid), coalesce(sum(r.discount_applied) FILTER (WHERE r.is_valid), 0),
           coalesce(sum(r.response_time_ms), 0), count(r.response_time_ms)
      FROM new_rows r JOIN validation_log_minute_hours k
        ON k.coupon_code = r.coupon_code AND k.hour = date_trunc('hour', r.validated_at, 'UTC')
       AND r.validated_at >= k.from_minute
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
    ON CONFLICT (coupon_code, minute, validation_reason) DO UPDATE
       SET attempts = t.attempts + EXCLUDED.attempts, valid = t.valid + EXCLUDED.valid,
           discount_total = t.discount_total + EXCLUDED.discount_total,
           response_ms_sum = t.response_ms_sum + EXCLUDED.response_ms_sum,
           response_ms_count = t.response_ms_count + EXCLUDED.response_ms_count;

    INSERT INTO validation_log_hourly_times AS t
    SELECT coupon_code, date_trunc('hour', validated_at, 'UTC'), validation_log_time_bucket(response_time_ms), count(*)
      FROM new_rows
     WHERE response_time_ms IS NOT NULL
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
    ON CONFLICT (coupon_code, hour, bucket) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO validation_log_minutely_times AS t
    SELECT r.coupon_code, date_trunc('minute', r.validated_at, 'UTC'), validation_log_time_bucket(r.response_time_ms),
           count(*)
      FROM new_rows r JOIN validation_log_minute_hours k
        ON k.coupon_code = r.coupon_code AND k.hour = date_trunc('hour', r.validated_at, 'UTC')
       AND r.validated_at >= k.from_minute
     WHERE r.response_time_ms IS NOT NULL
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
    ON CONFLICT (coupon_code, minute, bucket) DO UPDATE SET n = t.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

-- Counts a busy hour's minutes from its rows and marks it from its start. The lock waits for
-- every writer of the log in flight and holds the next ones until the transaction ends, so no row
-- is counted twice or missed; the mark's row lock lets only one instance fill a given hour.
CREATE FUNCTION fill_validation_log_minutes(p_code TEXT, p_hour TIMESTAMPTZ) RETURNS BOOLEAN
    LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE validation_logs IN SHARE MODE;
    PERFORM 1 FROM validation_log_minute_hours
      WHERE coupon_code = p_code AND hour = p_hour AND from_minute > p_hour FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    DELETE FROM validation_log_minutely
     WHERE coupon_code = p_code AND minute >= p_hour AND minute < p_hour + INTERVAL '1 hour';
    DELETE FROM validation_log_minutely_times
     WHERE coupon_code = p_code AND minute >= p_hour AND minute < p_hour + INTERVAL '1 hour';
    INSERT INTO validation_log_minutely
    SELECT coupon_code, date_trunc('minute', validated_at, 'UTC'), validation_reason, count(*),
           count(*) FILTER (WHERE is_valid), coalesce(sum(discount_applied) FILTER (WHERE is_valid), 0),
           coalesce(sum(response_time_ms), 0), count(response_time_ms)
      FROM validation_logs
     WHERE coupon_code = p_code AND validated_at >= p_hour AND validated_at < p_hour + INTERVAL '1 hour'
     GROUP BY 1, 2, 3;
    INSERT INTO validation_log_minutely_times
    SELECT coupon_code, date_trunc('minute', validated_at, 'UTC'), validation_log_time_bucket(response_time_ms),
           count(*)
      FROM validation_logs
     WHERE coupon_code = p_code AND validated_at >= p_hour AND validated_at < p_hour + INTERVAL '1 hour'
       AND response_time_ms IS NOT NULL
     GROUP BY 1, 2, 3;
    UPDATE validation_log_minute_hours SET from_minute = p_hour WHERE coupon_code = p_code AND hour = p_hour;
    RETURN true;
END
$$;

-- The busy coupon-hours logged so far are marked from their first minute, their minutes filled
-- from their rows (the lock above is already held).
INSERT INTO validation_log_minute_hours
SELECT DISTINCT coupon_code, hour, hour FROM validation_log_hourly WHERE attempts >= 500;
INSERT INTO validation_log_minutely
SELECT l.coupon_code, date_trunc('minute', l.validated_at, 'UTC'), l.validation_reason, count(*),
       count(*) FILTER (WHERE l.is_valid), coalesce(sum(l.discount_applied) FILTER (WHERE l.is_valid), 0),
       coalesce(sum(l.response_time_ms), 0), count(l.response_time_ms)
  FROM validation_log_minute_hours k
  JOIN validation_logs l ON l.coupon_code = k.coupon_code
   AND l.validated_at >= k.hour AND l.validated_at < k.hour + INTERVAL '1 hour'
 GROUP BY 1, 2, 3;
INSERT INTO validation_log_minutely_times
SELECT l.coupon_code, date_trunc('minute', l.validated_at, 'UTC'), validation_log_time_bucket(l.response_time_ms),
       count(*)
  FROM validation_log_minute_hours k
  JOIN validation_logs l ON l.coupon_code = k.coupon_code
   AND l.validated_at >= k.hour AND l.validated_at < k.hour + INTERVAL '1 hour'
 WHERE l.response_time_ms IS NOT NULL
 GROUP BY 1, 2, 3;

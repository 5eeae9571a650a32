-- Batches of generated single-use codes (POST /api/admin/code-batches). A batch's codes are
-- inserted in chunks, each in one transaction with the batch's count, so that `created` is always
-- the number of its codes that exist. The instance that runs a batch holds a lease on it and
-- renews it with every chunk; a batch whose lease has run out (its instance stopped or died) is
-- taken over by any instance and resumed where its count says.
CREATE TABLE code_batches (
    id              UUID PRIMARY KEY,
    status          TEXT        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    requested       INT         NOT NULL CHECK (requested BETWEEN 1 AND 1000000),
    created         INT         NOT NULL DEFAULT 0 CHECK (created >= 0 AND created <= requested),
    prefix          TEXT        NOT NULL DEFAULT '' CHECK (prefix ~ '^[A-Z0-9-]{0,16}$'),
    random_length   INT         NOT NULL CHECK (random_length BETWEEN 8 AND 64),
    -- The coupon every code of the batch becomes (the columns of coupons, but the code).
    coupon_type     TEXT        NOT NULL,
    user_id         TEXT REFERENCES users (id),
    coupon_status   TEXT        NOT NULL,
    discount_type   TEXT        NOT NULL,
    discount_value  NUMERIC(12, 2) NOT NULL,
    max_discount    NUMERIC(12, 2),
    min_order_value NUMERIC(12, 2),
    usage_limit     INT,
    per_user_limit  INT,
    valid_from      TIMESTAMPTZ,
    valid_until     TIMESTAMPTZ,
    -- Who asked, with which Idempotency-Key and which request (a SHA-256 of its body).
    scope           TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    BYTEA       NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    error           TEXT,
    lease_owner     TEXT,
    lease_until     TIMESTAMPTZ,
    UNIQUE (scope, idempotency_key)
);
-- The batches to take over: running, lease run out.
CREATE INDEX code_batches_running ON code_batches (lease_until) WHERE status = 'RUNNING';

-- The batch a generated code came from; null for coupons created one by one or in SQL.
ALTER TABLE coupons ADD COLUMN batch_id UUID REFERENCES code_batches (id);
-- A batch's codes in the order they were made: the CSV download reads them in pages.
CREATE INDEX coupons_batch ON coupons (batch_id, id) WHERE batch_id IS NOT NULL;

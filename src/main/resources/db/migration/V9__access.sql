-- Checkout backends' API keys. Only a SHA-256 hash of each secret is kept: a secret is 256 random
-- bits (or, given at start in COUPONS_API_KEYS, at least 24 characters), so a slow password hash
-- would add nothing but cost on every checkout request.
CREATE TABLE api_keys (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_hash BYTEA       NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ,
    -- 'api': created through /api/admin/api-keys; 'environment': given in COUPONS_API_KEYS.
    origin      TEXT        NOT NULL DEFAULT 'api' CHECK (origin IN ('api', 'environment'))
);

-- The token buckets of the guessing limit (Bucket4j's table layout), shared by every instance.
-- A bucket is deleted once it would be full again (expires_at, epoch milliseconds).
CREATE TABLE abuse_buckets (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX abuse_buckets_expiry ON abuse_buckets (expires_at);

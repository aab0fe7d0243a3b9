-- Foundation: clients (tenants), their API keys, and the outbox every service publishes events through.
-- The schemas themselves are created by Flyway (SchemaMigrator.SCHEMAS).

CREATE TABLE core.clients (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX clients_name_uq ON core.clients (lower(name));

-- An API key is "<prefix>.<secret>"; the prefix is public and indexed, only a SHA-256 of the whole key is kept.
CREATE TABLE core.api_keys (
    id            uuid        PRIMARY KEY,
    client_id     uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    prefix        text        NOT NULL UNIQUE,
    key_hash      bytea       NOT NULL CHECK (length(key_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_keys_client_idx ON core.api_keys (client_id, created_at DESC);

-- Transactional outbox: a service writes its domain change and the event in one transaction;
-- webhook-service reads unpublished rows in id order and delivers them.
CREATE TABLE core.outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id       uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    source_service  text        NOT NULL,
    aggregate_type  text        NOT NULL,
    aggregate_id    text        NOT NULL,
    event_type      text        NOT NULL,
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz
);
CREATE INDEX outbox_unpublished_idx ON core.outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_client_idx ON core.outbox (client_id, created_at DESC);

-- Webhooks (webhook-service): each client's endpoints, the events the services publish, one delivery per event and
-- endpoint, and every attempt of a delivery. See webhook-service/README.md and ADRs 0010-0012.

-- Every outbox row gets a stable event id: the relay sends it, webhook-service's intake is idempotent on it, and it is
-- the webhook-id receivers de-duplicate by. Existing rows get one too.
ALTER TABLE core.outbox ADD COLUMN event_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX outbox_event_id_uq ON core.outbox (event_id);
-- What each service's relay reads: its own unpublished rows in order.
CREATE INDEX outbox_unpublished_source_idx ON core.outbox (source_service, id) WHERE published_at IS NULL;

-- An endpoint: a URL of the client's that receives the event types of its filter (empty: all). origin 'session' marks
-- the endpoint created for a session's own webhook_url (one per client and URL). Secrets are AES-GCM sealed under the
-- client's data key; during a rotation's grace period the previous secret signs too.
CREATE TABLE webhook.endpoints (
    id                          uuid        PRIMARY KEY,
    client_id                   uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    name                        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    url                         text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
    event_types                 text[]      NOT NULL DEFAULT '{}',
    origin                      text        NOT NULL DEFAULT 'api' CHECK (origin IN ('api', 'session')),
    status                      text        NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
    disabled_reason             text        CHECK (disabled_reason IN ('manual', 'gone', 'failing')),
    disabled_detail             text,
    disabled_at                 timestamptz,
    secret                      bytea       NOT NULL,
    previous_secret             bytea,
    previous_secret_expires_at  timestamptz,
    failing_since               timestamptz,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX endpoints_client_idx ON webhook.endpoints (client_id, created_at DESC);
CREATE UNIQUE INDEX endpoints_session_url_uq ON webhook.endpoints (client_id, url) WHERE origin = 'session';

-- An event as received (intake is idempotent on id). body is the exact JSON sent and signed on every attempt.
CREATE TABLE webhook.events (
    id              uuid        PRIMARY KEY,
    client_id       uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    type            text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    source_service  text        NOT NULL,
    body            text        NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_client_idx ON webhook.events (client_id, received_at DESC);

-- One delivery of an event to an endpoint. A replica claims due rows with FOR UPDATE SKIP LOCKED and leases them
-- (leased_until); a replica that dies leaves a lease that expires, and another replica sends again (same webhook-id).
CREATE TABLE webhook.deliveries (
    id                uuid        PRIMARY KEY,
    client_id         uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    event_id          uuid        NOT NULL REFERENCES webhook.events (id) ON DELETE CASCADE,
    endpoint_id       uuid        NOT NULL REFERENCES webhook.endpoints (id) ON DELETE CASCADE,
    status            text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz,
    leased_until      timestamptz,
    last_status_code  integer,
    last_error        text,
    manual            boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    delivered_at      timestamptz,
    UNIQUE (event_id, endpoint_id)
);
CREATE INDEX deliveries_due_idx ON webhook.deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_leased_idx ON webhook.deliveries (endpoint_id) WHERE status = 'pending' AND leased_until IS NOT NULL;
CREATE INDEX deliveries_endpoint_idx ON webhook.deliveries (endpoint_id, created_at DESC);

-- Every attempt: when, what answered (status or error code), how long it took, the start of the answer.
CREATE TABLE webhook.attempts (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id       uuid        NOT NULL REFERENCES webhook.deliveries (id) ON DELETE CASCADE,
    client_id         uuid        NOT NULL,
    attempted_at      timestamptz NOT NULL,
    trigger           text        NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
    succeeded         boolean     NOT NULL,
    status_code       integer,
    error             text,
    latency_ms        integer     NOT NULL,
    response_excerpt  text
);
CREATE INDEX attempts_delivery_idx ON webhook.attempts (delivery_id, id);

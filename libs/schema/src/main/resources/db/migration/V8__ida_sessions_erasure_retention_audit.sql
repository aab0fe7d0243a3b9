-- V8 (issue 13): identity authentication sessions (ida-service), erasure of identities, retention, and the audit of
-- every read of biometric data. docs/adr/0016-identity-authentication-erasure-and-retention.md.

-- An IDA session: a verified identity proves with a new selfie and liveness that it is still them.
CREATE TABLE ida.sessions (
    id                    uuid        PRIMARY KEY,
    client_id             uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    -- null once the identity was erased (the session stays, without biometric data)
    identity_id           uuid        REFERENCES core.identities (id) ON DELETE SET NULL,
    user_id               text        CHECK (length(user_id) <= 200),
    status                text        NOT NULL CHECK (status IN ('in_progress', 'complete', 'temporarily_blocked',
                                                                  'temporarily_complete', 'expired')),
    liveness_mode         text        NOT NULL CHECK (liveness_mode IN ('passive', 'passive_active')),
    webhook_url           text        CHECK (length(webhook_url) <= 2000),
    metadata              jsonb       NOT NULL DEFAULT '{}',
    settings              jsonb       NOT NULL DEFAULT '{}',
    sdk_metadata          jsonb       NOT NULL DEFAULT '{}',
    liveness_detected     boolean,
    liveness_detected_at  timestamptz,
    selfie_given_at       timestamptz,
    liveness_token_hash   bytea,
    liveness_challenge    text,
    liveness_expires_at   timestamptz,
    -- biometric facts (liveness scores, similarities to the identity's templates, age and gender estimates):
    -- erased with the identity and by retention
    liveness_facts        jsonb,
    match_facts           jsonb,
    authenticated         boolean,
    -- why not authenticated (a code: face_mismatch, liveness_failed, age_inconsistent, ...); null when authenticated
    reason                text,
    weights_id            uuid,
    biometrics_erased_at  timestamptz,
    expires_at            timestamptz NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    completed_at          timestamptz,
    version               integer     NOT NULL DEFAULT 0
);
CREATE INDEX ida_sessions_client_idx ON ida.sessions (client_id, created_at DESC);
CREATE INDEX ida_sessions_identity_idx ON ida.sessions (client_id, identity_id);
CREATE INDEX ida_sessions_open_expiry_idx ON ida.sessions (expires_at) WHERE status = 'in_progress';

CREATE TABLE ida.session_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  uuid        NOT NULL REFERENCES ida.sessions (id) ON DELETE CASCADE,
    client_id   uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    event       text        NOT NULL,
    endpoint    text        NOT NULL,
    actor       text        NOT NULL,
    outcome     text        NOT NULL,
    detail      text,
    request_id  text
);
CREATE INDEX ida_session_events_session_idx ON ida.session_events (session_id, id);

-- The frames of an IDA session (liveness_passive, liveness_active_step_N, selfie), bytes in the blob store.
CREATE TABLE ida.session_files (
    id            uuid        PRIMARY KEY,
    session_id    uuid        NOT NULL REFERENCES ida.sessions (id) ON DELETE CASCADE,
    client_id     uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    file_type     text        NOT NULL,
    blob_key      text        NOT NULL,
    content_type  text        NOT NULL,
    width         integer     NOT NULL,
    height        integer     NOT NULL,
    size_bytes    integer     NOT NULL,
    sha256        bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, file_type)
);

-- Where the selfie of an IDA session was captured (the caller's IP, the device's coordinates and their places).
CREATE TABLE ida.captures (
    session_id             uuid        NOT NULL REFERENCES ida.sessions (id) ON DELETE CASCADE,
    client_id              uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    capture_type           text        NOT NULL CHECK (capture_type IN ('selfie_image_capture')),
    ip_address             text,
    ip_latitude            double precision,
    ip_longitude           double precision,
    ip_country             text,
    ip_region              text,
    ip_city                text,
    device_latitude        double precision,
    device_longitude       double precision,
    device_location        text,
    device_country_name    text,
    device_country_code    text,
    device_admin_area      text,
    device_sub_admin_area  text,
    device_locality        text,
    captured_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, capture_type)
);

-- Identities and IDV sessions whose biometric data (templates, images, liveness facts) retention or erasure removed.
ALTER TABLE core.identities ADD COLUMN biometrics_erased_at timestamptz;
ALTER TABLE idv.sessions ADD COLUMN biometrics_erased_at timestamptz;

-- Every erasure: what was removed, how much, why and by whom. No biometric data, no names: ids and counts only.
CREATE TABLE core.erasures (
    id            uuid        PRIMARY KEY,
    client_id     uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    subject_type  text        NOT NULL CHECK (subject_type IN ('identity', 'idv_session', 'ida_session')),
    subject_id    uuid        NOT NULL,
    cause         text        NOT NULL CHECK (cause IN ('request', 'retention')),
    actor         text        NOT NULL,
    counts        jsonb       NOT NULL DEFAULT '{}',
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    request_id    text
);
CREATE INDEX erasures_client_idx ON core.erasures (client_id, occurred_at DESC);
CREATE INDEX erasures_subject_idx ON core.erasures (subject_id);

-- Every read of a biometric image or document: who (API key prefix or service), when, which record.
CREATE TABLE core.biometric_reads (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id    uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    actor        text        NOT NULL,
    operation    text        NOT NULL,
    record_type  text        NOT NULL,
    record_id    uuid        NOT NULL,
    file_type    text,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    request_id   text
);
CREATE INDEX biometric_reads_client_idx ON core.biometric_reads (client_id, occurred_at DESC);
CREATE INDEX biometric_reads_record_idx ON core.biometric_reads (record_id);

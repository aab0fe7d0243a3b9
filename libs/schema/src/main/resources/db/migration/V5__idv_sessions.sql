-- IDV sessions (idv-service): a customer's backend creates a session, the SDK in a browser or phone walks it through
-- consent, document type, document images, liveness and finalization. Lifecycle: docs/adr/0007-idv-session-lifecycle.md.

-- Encrypted binary objects (document images, liveness frames) of the PostgreSQL blob store; the S3 backend keeps the
-- same ciphertext as objects instead. The key names the object; the bytes are AES-GCM under the client's data key.
CREATE TABLE core.blobs (
    key         text        PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 400),
    client_id   uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    data        bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX blobs_client_idx ON core.blobs (client_id);

CREATE TABLE idv.sessions (
    id                        uuid        PRIMARY KEY,
    client_id                 uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    user_id                   text        CHECK (length(user_id) <= 200),
    status                    text        NOT NULL CHECK (status IN ('in_progress', 'complete', 'temporarily_blocked',
                                                                      'temporarily_complete', 'expired')),
    liveness_mode             text        NOT NULL CHECK (liveness_mode IN ('passive', 'passive_active')),
    -- webhook-service reads this column to deliver the session's events.
    webhook_url               text        CHECK (length(webhook_url) <= 2000),
    metadata                  jsonb       NOT NULL DEFAULT '{}',
    settings                  jsonb       NOT NULL DEFAULT '{}',
    sdk_metadata              jsonb       NOT NULL DEFAULT '{}',
    document_type             text        CHECK (document_type IN ('unknown', 'driver_license', 'identification_card',
                                                                   'passport', 'passport_card')),
    consented                 boolean     NOT NULL DEFAULT false,
    consented_at              timestamptz,
    document_front_given_at   timestamptz,
    document_back_given_at    timestamptz,
    liveness_detected         boolean,
    liveness_detected_at      timestamptz,
    selfie_given_at           timestamptz,
    -- the liveness token (only its SHA-256), its challenge and when it stops being accepted
    liveness_token_hash       bytea,
    liveness_challenge        text,
    liveness_expires_at       timestamptz,
    -- what liveness processing measured (scores, similarities, duplicate candidates), and the checks' outcomes
    liveness_facts            jsonb,
    test_results              jsonb,
    verified                  boolean,
    verified_at               timestamptz,
    score                     real,
    on_sanction_list          boolean,
    identity_id               uuid        REFERENCES core.identities (id) ON DELETE SET NULL,
    duplicate_identity_id     uuid        REFERENCES core.identities (id) ON DELETE SET NULL,
    -- the weights and requirements versions the session was decided with (weights-service ids)
    weights_id                uuid,
    requirements_id           uuid,
    expires_at                timestamptz NOT NULL,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    completed_at              timestamptz,
    version                   integer     NOT NULL DEFAULT 0
);
CREATE INDEX sessions_client_idx ON idv.sessions (client_id, created_at DESC);
CREATE INDEX sessions_client_status_idx ON idv.sessions (client_id, status);
CREATE INDEX sessions_identity_idx ON idv.sessions (client_id, identity_id) WHERE identity_id IS NOT NULL;
CREATE INDEX sessions_open_expiry_idx ON idv.sessions (expires_at) WHERE status = 'in_progress';

-- Every call on a session, accepted or refused: the session's history.
CREATE TABLE idv.session_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  uuid        NOT NULL REFERENCES idv.sessions (id) ON DELETE CASCADE,
    client_id   uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    event       text        NOT NULL,
    endpoint    text        NOT NULL,
    actor       text        NOT NULL,
    outcome     text        NOT NULL,
    detail      text,
    request_id  text
);
CREATE INDEX session_events_session_idx ON idv.session_events (session_id, id);

-- The images of a session (document sides, liveness frames, the selfie), one per storage file type.
CREATE TABLE idv.session_files (
    id            uuid        PRIMARY KEY,
    session_id    uuid        NOT NULL REFERENCES idv.sessions (id) ON DELETE CASCADE,
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

-- Where each capture happened: the caller's IP and its location, the device's coordinates and their place.
CREATE TABLE idv.captures (
    session_id             uuid        NOT NULL REFERENCES idv.sessions (id) ON DELETE CASCADE,
    client_id              uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    capture_type           text        NOT NULL CHECK (capture_type IN ('front_doc_image_capture',
                                                      'back_doc_image_capture', 'selfie_image_capture')),
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

-- The documents a session presented. Document reading (a later issue) fills the fields; until then they are null.
CREATE TABLE idv.documents (
    id                uuid        PRIMARY KEY,
    session_id        uuid        NOT NULL UNIQUE REFERENCES idv.sessions (id) ON DELETE CASCADE,
    client_id         uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    type              text        NOT NULL CHECK (type IN ('unknown', 'driver_license', 'identification_card',
                                                           'passport', 'passport_card')),
    data_source       text        NOT NULL DEFAULT 'unknown',
    document_number   text,
    ref_number        text,
    issued_at         date,
    expires_at        date,
    issuing_country   text,
    issuing_state     text,
    first_name        text,
    middle_name       text,
    last_name         text,
    name_suffix       text,
    street            text,
    city              text,
    state             text,
    postal_code       text,
    birth_date        date,
    gender            text,
    height            text,
    weight            text,
    eye_color         text,
    hair_color        text,
    class             text,
    restrictions      text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_client_idx ON idv.documents (client_id, created_at DESC);

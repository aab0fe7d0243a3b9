-- Biometric data at rest: each client has an AES-256 data key, stored only wrapped (AES-GCM) by the master key.
CREATE TABLE core.data_keys (
    client_id    uuid        PRIMARY KEY REFERENCES core.clients (id) ON DELETE CASCADE,
    wrapped_key  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Face templates: a 512-d embedding, encrypted with the client's data key, in a gallery of that client
-- (an event's attendees, the verified identities, ...). A deleted template keeps a tombstone (without its
-- embedding) for a while so that other replicas see the deletion; `version` orders every change.
CREATE SEQUENCE identity.template_version;

CREATE TABLE identity.templates (
    id             uuid        PRIMARY KEY,
    client_id      uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    gallery        text        NOT NULL CHECK (gallery ~ '^[a-z0-9][a-z0-9._:-]{0,99}$'),
    subject_id     text        NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 200),
    embedding_enc  bytea,
    model          text        NOT NULL,
    face_size      real        NOT NULL,
    sharpness      real        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz,
    version        bigint      NOT NULL DEFAULT nextval('identity.template_version'),
    CHECK ((deleted_at IS NULL) = (embedding_enc IS NOT NULL))
);
CREATE INDEX templates_version_idx ON identity.templates (version);
CREATE INDEX templates_gallery_idx ON identity.templates (client_id, gallery, subject_id) WHERE deleted_at IS NULL;

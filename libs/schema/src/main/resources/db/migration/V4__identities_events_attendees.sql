-- Identities: a person a client has verified (IDV creates them; the IDV issue extends this table). Their selfie's
-- face template lives in identity-service's gallery 'verified-identities', subject = the identity id.
CREATE TABLE core.identities (
    id                        uuid        PRIMARY KEY,
    client_id                 uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    external_user_id          text,
    first_name                text,
    middle_name               text,
    last_name                 text,
    name_suffix               text,
    birth_date                date,
    gender                    text        CHECK (gender IN ('male', 'female', 'unknown')),
    email                     text,
    phone                     text,
    document_type             text        CHECK (document_type IN ('unknown', 'driver_license', 'identification_card',
                                                                   'passport', 'passport_card')),
    document_number           text,
    document_issuing_country  text,
    document_expires_at       date,
    street                    text,
    city                      text,
    state                     text,
    postal_code               text,
    country                   text,
    verified                  boolean     NOT NULL DEFAULT false,
    verified_at               timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identities_client_idx ON core.identities (client_id, created_at DESC);

-- Events whose attendees are identified at the gate (Securegate). Each event's attendees form the face gallery
-- 'event:<id>' of its client.
CREATE TABLE identity.events (
    id               uuid        PRIMARY KEY,
    client_id        uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description      text,
    location         text,
    starts_at        timestamptz,
    ends_at          timestamptz,
    match_threshold  real        CHECK (match_threshold BETWEEN -1 AND 1),
    metadata         jsonb       NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX events_client_idx ON identity.events (client_id, created_at DESC);

CREATE TABLE identity.attendees (
    id            uuid        PRIMARY KEY,
    client_id     uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    event_id      uuid        NOT NULL REFERENCES identity.events (id) ON DELETE CASCADE,
    user_id       text        CHECK (length(user_id) <= 200),
    email         text        CHECK (length(email) <= 320),
    name          text        CHECK (length(name) <= 200),
    phone         text        CHECK (length(phone) <= 40),
    country_code  text        CHECK (length(country_code) <= 8),
    identity_id   uuid        REFERENCES core.identities (id) ON DELETE SET NULL,
    template_id   uuid,
    qr_id         text        NOT NULL UNIQUE,
    metadata      jsonb       NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attendees_event_idx ON identity.attendees (event_id, created_at);
CREATE UNIQUE INDEX attendees_event_user_uq ON identity.attendees (event_id, user_id) WHERE user_id IS NOT NULL;

-- Every identification attempt at an event, matched or not.
CREATE TABLE identity.activities (
    id           uuid        PRIMARY KEY,
    client_id    uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    event_id     uuid        NOT NULL REFERENCES identity.events (id) ON DELETE CASCADE,
    attendee_id  uuid        REFERENCES identity.attendees (id) ON DELETE SET NULL,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    result       text        NOT NULL CHECK (result IN ('matched', 'no_match', 'refused')),
    reason       text,
    similarity   real,
    faces_seen   integer,
    source       text        NOT NULL,
    request_id   text
);
CREATE INDEX activities_attendee_idx ON identity.activities (attendee_id, occurred_at DESC);
CREATE INDEX activities_event_idx ON identity.activities (event_id, occurred_at DESC);

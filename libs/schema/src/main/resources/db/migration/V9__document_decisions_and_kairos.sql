-- Document checks and decisions (idv-service): what a decision was made from, so that it can be made again, and the
-- Kairos-compatible full ID verification queue. See docs/adr/0018-one-scoring-step-for-documents.md.

-- decision_inputs: the document evidence (reading, image forensics, sightings, sanctions matches, DMV answers), the
-- finalization settings, the required fields of the requirements version and the day expiry was judged at.
-- decision: the scoring step's result (score, verdict, reason codes). sanction_matches: the OFAC entries matched.
ALTER TABLE idv.sessions
    ADD COLUMN decision_inputs  jsonb,
    ADD COLUMN decision         jsonb,
    ADD COLUMN sanction_matches jsonb;

-- The perceptual hash of every document image this installation has seen, of every client: a new image is compared
-- with all of them (online duplication) and only the number of earlier sightings is ever reported, never which
-- client or session they belong to.
CREATE TABLE idv.document_hashes (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id   uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    source_id   uuid        NOT NULL,
    side        text        NOT NULL CHECK (side IN ('front', 'back')),
    phash       bit(256)    NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, side)
);

-- Full ID verification requests (Kairos API): queued here, processed by a worker that leases one at a time
-- (FOR UPDATE SKIP LOCKED), so work survives a restart and several replicas share the queue.
CREATE TABLE idv.kairos_requests (
    id                uuid        PRIMARY KEY,
    client_id         uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    profile           text        NOT NULL CHECK (length(profile) <= 50),
    status            text        NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
    selfie_key        text        NOT NULL,
    document_key      text        NOT NULL,
    document_back_key text,
    attempts          integer     NOT NULL DEFAULT 0,
    lease_until       timestamptz,
    requested_at      timestamptz NOT NULL DEFAULT now(),
    processed_at      timestamptz,
    result            jsonb,
    error             text,
    request_id        text
);
CREATE INDEX kairos_requests_queue_idx ON idv.kairos_requests (requested_at) WHERE status IN ('queued', 'processing');
CREATE INDEX kairos_requests_client_idx ON idv.kairos_requests (client_id, requested_at DESC);

-- V7 (issue 9): the audit trail names key and camera apart, near misses are not kept, gate photos of matches.
-- Issue 9. The audit trail of identifications names the calling API key (source) and the gate's camera (camera)
-- separately: before, an X-Camera-Id header replaced the key. Rows written that way keep the camera and lose nothing
-- else that was known.
ALTER TABLE identity.activities ADD COLUMN camera text;
UPDATE identity.activities SET camera = substring(source FROM 8), source = 'unknown (recorded before V7)'
    WHERE source LIKE 'camera %';

-- Near-miss scores are no longer kept: a no_match or refused attempt has no similarity (any key of the client could
-- read it and tune a photo until it crossed the threshold).
UPDATE identity.activities SET similarity = NULL WHERE result <> 'matched';
ALTER TABLE identity.activities ADD CONSTRAINT activities_similarity_only_when_matched
    CHECK (similarity IS NULL OR result = 'matched');

-- The gate photo of a matched identification (Securegate's authentication[].data.data.selfieImage), encrypted under
-- the client's data key, served only to the owning client through short-lived signed URLs, deleted after retention.
CREATE TABLE identity.captures (
    id          uuid        PRIMARY KEY,
    client_id   uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    event_id    uuid        NOT NULL REFERENCES identity.events (id) ON DELETE CASCADE,
    activity_id uuid        NOT NULL REFERENCES identity.activities (id) ON DELETE CASCADE,
    image_enc   bytea       NOT NULL,
    media_type  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX captures_expires_idx ON identity.captures (expires_at);

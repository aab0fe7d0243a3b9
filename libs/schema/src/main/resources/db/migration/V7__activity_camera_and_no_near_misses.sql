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

-- Least privilege in the database (issue 15, docs/adr/0021-per-service-database-roles.md): one group role per
-- service, granted what that service reads and writes, and nothing else. The role that runs the migrations owns
-- every schema and table and is the only one that runs DDL. A service logs in with its own login role, a member of
-- its group (CloudNativePG's managed roles in k8s/data/cloudnative-pg, roles.sh in dev); locally the launcher and
-- the tests log in as the owner and these grants change nothing for them.
--
-- The group roles are created here where they do not exist yet (CloudNativePG declares them too), so the role that
-- migrates needs CREATEROLE the first time, or the roles must exist.
DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['verity_app_identity', 'verity_app_idv', 'verity_app_ida', 'verity_app_weights',
                                'verity_app_webhook']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', name);
        END IF;
    END LOOP;
END
$$;

-- Every service: authenticate API keys (and mark them used), know its clients, write events to the outbox, which
-- its relay then claims and deletes; read the schema history (service info).
GRANT USAGE ON SCHEMA core
    TO verity_app_identity, verity_app_idv, verity_app_ida, verity_app_weights, verity_app_webhook;
GRANT SELECT ON core.clients, core.flyway_schema_history
    TO verity_app_identity, verity_app_idv, verity_app_ida, verity_app_weights, verity_app_webhook;
GRANT SELECT, UPDATE ON core.api_keys
    TO verity_app_identity, verity_app_idv, verity_app_ida, verity_app_weights, verity_app_webhook;
GRANT SELECT, INSERT, UPDATE, DELETE ON core.outbox
    TO verity_app_identity, verity_app_idv, verity_app_ida, verity_app_weights, verity_app_webhook;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA core
    TO verity_app_identity, verity_app_idv, verity_app_ida, verity_app_weights, verity_app_webhook;

-- Biometric data and webhook secrets are sealed under per-client data keys (BiometricCipher).
GRANT SELECT, INSERT ON core.data_keys TO verity_app_identity, verity_app_idv, verity_app_ida, verity_app_webhook;

-- Identities: created by verification (idv), read by identification, erased by ida.
GRANT SELECT, INSERT, UPDATE, DELETE ON core.identities TO verity_app_identity, verity_app_idv, verity_app_ida;

-- Images (postgres blob store) and the audit of biometric reads: written by idv, read and erased by ida.
GRANT SELECT, INSERT, UPDATE, DELETE ON core.blobs, core.biometric_reads TO verity_app_idv, verity_app_ida;
GRANT SELECT, INSERT, UPDATE, DELETE ON core.erasures TO verity_app_ida;

-- The admin API (weights-service) creates clients and their API keys.
GRANT INSERT, UPDATE, DELETE ON core.clients, core.api_keys TO verity_app_weights;

-- Each service's own schema: every table and sequence, now and those later migrations create (as this role).
GRANT USAGE ON SCHEMA identity TO verity_app_identity;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA identity TO verity_app_identity;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA identity TO verity_app_identity;
ALTER DEFAULT PRIVILEGES IN SCHEMA identity GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO verity_app_identity;
ALTER DEFAULT PRIVILEGES IN SCHEMA identity GRANT USAGE, SELECT ON SEQUENCES TO verity_app_identity;

GRANT USAGE ON SCHEMA idv TO verity_app_idv;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA idv TO verity_app_idv;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA idv TO verity_app_idv;
ALTER DEFAULT PRIVILEGES IN SCHEMA idv GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO verity_app_idv;
ALTER DEFAULT PRIVILEGES IN SCHEMA idv GRANT USAGE, SELECT ON SEQUENCES TO verity_app_idv;

GRANT USAGE ON SCHEMA ida TO verity_app_ida;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ida TO verity_app_ida;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ida TO verity_app_ida;
ALTER DEFAULT PRIVILEGES IN SCHEMA ida GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO verity_app_ida;
ALTER DEFAULT PRIVILEGES IN SCHEMA ida GRANT USAGE, SELECT ON SEQUENCES TO verity_app_ida;

-- ida-service reads IDV sessions and documents to answer for an identity, and erases them (retention, erasure).
GRANT USAGE ON SCHEMA idv TO verity_app_ida;
GRANT SELECT, UPDATE, DELETE ON ALL TABLES IN SCHEMA idv TO verity_app_ida;
ALTER DEFAULT PRIVILEGES IN SCHEMA idv GRANT SELECT, UPDATE, DELETE ON TABLES TO verity_app_ida;

GRANT USAGE ON SCHEMA weights TO verity_app_weights;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA weights TO verity_app_weights;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA weights TO verity_app_weights;
ALTER DEFAULT PRIVILEGES IN SCHEMA weights GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO verity_app_weights;
ALTER DEFAULT PRIVILEGES IN SCHEMA weights GRANT USAGE, SELECT ON SEQUENCES TO verity_app_weights;

GRANT USAGE ON SCHEMA webhook TO verity_app_webhook;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA webhook TO verity_app_webhook;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA webhook TO verity_app_webhook;
ALTER DEFAULT PRIVILEGES IN SCHEMA webhook GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO verity_app_webhook;
ALTER DEFAULT PRIVILEGES IN SCHEMA webhook GRANT USAGE, SELECT ON SEQUENCES TO verity_app_webhook;

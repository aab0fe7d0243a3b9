#!/bin/bash
# First start of the dev database: the services' group roles (which libs/schema's V12 migration grants to), one
# login role per service in its group, and Keycloak's role and database. Names and passwords come from the same
# Secrets as in prod; psql quotes them (format %I / %L), so no value is pasted into SQL.
set -euo pipefail

role() { # role NAME PASSWORD [GROUP]
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
        -v name="$1" -v password="$2" -v grp="${3:-}" <<'SQL'
SELECT format('CREATE ROLE %I NOLOGIN', :'grp') WHERE :'grp' <> ''
    AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'grp') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password') \gexec
SELECT format('GRANT %I TO %I', :'grp', :'name') WHERE :'grp' <> '' \gexec
SQL
}

role "$IDENTITY_USER" "$IDENTITY_PASSWORD" verity_app_identity
role "$IDV_USER" "$IDV_PASSWORD" verity_app_idv
role "$IDA_USER" "$IDA_PASSWORD" verity_app_ida
role "$WEIGHTS_USER" "$WEIGHTS_PASSWORD" verity_app_weights
role "$WEBHOOK_USER" "$WEBHOOK_PASSWORD" verity_app_webhook
role "$KEYCLOAK_USER" "$KEYCLOAK_PASSWORD"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v owner="$KEYCLOAK_USER" <<'SQL'
SELECT format('CREATE DATABASE keycloak OWNER %I', :'owner') \gexec
SQL

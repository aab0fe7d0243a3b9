-- weights-service: per-client (and per-user) weights, tolerances and document field requirements.
-- Every change is a new row; rows are never updated, so the version id a session records always reads back
-- the numbers that decided it. Ranges here repeat the ones the API enforces (weights-service/README.md).

-- Rows are insert-only: updates are refused, deletes only when they cascade from deleting the client.
CREATE FUNCTION weights.refuse_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
        RETURN OLD; -- fired by the ON DELETE CASCADE of core.clients
    END IF;
    RAISE EXCEPTION '%.% rows are immutable versions: insert a new version instead', TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;

-- origin 'update': written by a client or an administrator.
-- origin 'system_default': the system defaults, recorded for a client the first time they are served to it,
-- once per distinct set of default values (defaults_fingerprint), so that they have a version id too.
CREATE TABLE weights.weights_versions (
    id                                        uuid             PRIMARY KEY,
    seq                                       bigint           GENERATED ALWAYS AS IDENTITY UNIQUE,
    client_id                                 uuid             NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    user_id                                   text             CHECK (length(user_id) BETWEEN 1 AND 200),
    origin                                    text             NOT NULL CHECK (origin IN ('update', 'system_default')),
    defaults_fingerprint                      text,
    created_by                                text             NOT NULL,
    created_at                                timestamptz      NOT NULL DEFAULT now(),
    onboarding_face_encoding_tolerance        double precision NOT NULL CHECK (onboarding_face_encoding_tolerance BETWEEN 0 AND 1),
    verified_account_face_encoding_tolerance  double precision NOT NULL CHECK (verified_account_face_encoding_tolerance BETWEEN 0 AND 1),
    driver_license_fuzzy_match_tolerance      double precision NOT NULL CHECK (driver_license_fuzzy_match_tolerance BETWEEN 0 AND 1),
    driver_license_fuzzy_match_weight         double precision NOT NULL CHECK (driver_license_fuzzy_match_weight BETWEEN 0 AND 1),
    state_id_fuzzy_match_tolerance            double precision NOT NULL CHECK (state_id_fuzzy_match_tolerance BETWEEN 0 AND 1),
    state_id_fuzzy_match_weight               double precision NOT NULL CHECK (state_id_fuzzy_match_weight BETWEEN 0 AND 1),
    passport_fuzzy_match_tolerance            double precision NOT NULL CHECK (passport_fuzzy_match_tolerance BETWEEN 0 AND 1),
    passport_fuzzy_match_weight               double precision NOT NULL CHECK (passport_fuzzy_match_weight BETWEEN 0 AND 1),
    passport_card_fuzzy_match_tolerance       double precision NOT NULL CHECK (passport_card_fuzzy_match_tolerance BETWEEN 0 AND 1),
    passport_card_fuzzy_match_weight          double precision NOT NULL CHECK (passport_card_fuzzy_match_weight BETWEEN 0 AND 1),
    ofac_fuzzy_match_tolerance                double precision NOT NULL CHECK (ofac_fuzzy_match_tolerance BETWEEN 0 AND 1),
    ofac_fuzzy_match_weight                   double precision NOT NULL CHECK (ofac_fuzzy_match_weight BETWEEN 0 AND 1),
    suspicious_words_weight                   double precision NOT NULL CHECK (suspicious_words_weight BETWEEN 0 AND 1),
    image_manipulation_weight                 double precision NOT NULL CHECK (image_manipulation_weight BETWEEN 0 AND 1),
    online_duplication_weight                 double precision NOT NULL CHECK (online_duplication_weight BETWEEN 0 AND 1),
    is_identity_document_weight               double precision NOT NULL CHECK (is_identity_document_weight BETWEEN 0 AND 1),
    aamva_match_tolerance                     double precision NOT NULL CHECK (aamva_match_tolerance BETWEEN 0 AND 1),
    aamva_match_weight                        double precision NOT NULL CHECK (aamva_match_weight BETWEEN 0 AND 1),
    idv_session_tolerance                     double precision NOT NULL CHECK (idv_session_tolerance BETWEEN 0 AND 1),
    minimum_liveness_tolerance                double precision NOT NULL CHECK (minimum_liveness_tolerance BETWEEN 0 AND 1),
    passive_active_skip_tolerance             double precision NOT NULL CHECK (passive_active_skip_tolerance BETWEEN 0 AND 1),
    gender_probability_tolerance              double precision NOT NULL CHECK (gender_probability_tolerance BETWEEN 0 AND 1),
    gender_weight                             double precision NOT NULL CHECK (gender_weight BETWEEN 0 AND 1),
    expression_tolerance                      double precision NOT NULL CHECK (expression_tolerance BETWEEN 0 AND 1),
    age_tolerance                             double precision NOT NULL CHECK (age_tolerance BETWEEN 0 AND 100),
    age_weight                                double precision NOT NULL CHECK (age_weight BETWEEN 0 AND 1),
    direction_tolerance                       double precision NOT NULL CHECK (direction_tolerance BETWEEN 0 AND 90),
    CHECK ((origin = 'system_default') = (defaults_fingerprint IS NOT NULL)),
    CHECK (origin = 'update' OR user_id IS NULL)
);
CREATE INDEX weights_versions_latest_idx ON weights.weights_versions (client_id, user_id, seq DESC) WHERE origin = 'update';
CREATE UNIQUE INDEX weights_versions_defaults_uq ON weights.weights_versions (client_id, defaults_fingerprint)
    WHERE origin = 'system_default';
CREATE TRIGGER weights_versions_immutable BEFORE UPDATE OR DELETE ON weights.weights_versions
    FOR EACH ROW EXECUTE FUNCTION weights.refuse_version_change();

-- Which fields a document of a type, read from a data source, must yield; versioned like the weights.
CREATE TABLE weights.requirements_versions (
    id                        uuid        PRIMARY KEY,
    seq                       bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    client_id                 uuid        NOT NULL REFERENCES core.clients (id) ON DELETE CASCADE,
    user_id                   text        CHECK (length(user_id) BETWEEN 1 AND 200),
    type_e                    text        NOT NULL CHECK (type_e IN ('unknown', 'driver_license', 'identification_card', 'passport', 'passport_card')),
    data_source_e             text        NOT NULL CHECK (data_source_e ~ '^[a-z0-9_]{1,64}$'),
    origin                    text        NOT NULL CHECK (origin IN ('update', 'system_default')),
    defaults_fingerprint      text,
    created_by                text        NOT NULL,
    created_at                timestamptz NOT NULL DEFAULT now(),
    document_number_required  boolean     NOT NULL,
    ref_number_required       boolean     NOT NULL,
    issue_at_required         boolean     NOT NULL,
    expires_at_required       boolean     NOT NULL,
    issuing_country_required  boolean     NOT NULL,
    issuing_state_required    boolean     NOT NULL,
    first_name_required       boolean     NOT NULL,
    middle_name_required      boolean     NOT NULL,
    last_name_required        boolean     NOT NULL,
    name_suffix_required      boolean     NOT NULL,
    street_required           boolean     NOT NULL,
    city_required             boolean     NOT NULL,
    state_required            boolean     NOT NULL,
    postal_code_required      boolean     NOT NULL,
    birth_date_required       boolean     NOT NULL,
    gender_required           boolean     NOT NULL,
    height_required           boolean     NOT NULL,
    weight_required           boolean     NOT NULL,
    eye_color_required        boolean     NOT NULL,
    hair_color_required       boolean     NOT NULL,
    class_required            boolean     NOT NULL,
    mentions_required         boolean     NOT NULL,
    restrictions_required     boolean     NOT NULL,
    raw_barcode_required      boolean     NOT NULL,
    face_encoding_required    boolean     NOT NULL,
    CHECK ((origin = 'system_default') = (defaults_fingerprint IS NOT NULL)),
    CHECK (origin = 'update' OR user_id IS NULL)
);
CREATE INDEX requirements_versions_latest_idx
    ON weights.requirements_versions (client_id, type_e, data_source_e, user_id, seq DESC) WHERE origin = 'update';
CREATE UNIQUE INDEX requirements_versions_defaults_uq
    ON weights.requirements_versions (client_id, type_e, data_source_e, defaults_fingerprint) WHERE origin = 'system_default';
CREATE TRIGGER requirements_versions_immutable BEFORE UPDATE OR DELETE ON weights.requirements_versions
    FOR EACH ROW EXECUTE FUNCTION weights.refuse_version_change();

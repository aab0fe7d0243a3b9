package io.verity.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * Strict models of the custom resources the manifests use (cert-manager, Gateway API, CloudNativePG), for the fields
 * we set and their siblings, written from the projects' API references. client-java has no models for these kinds;
 * these reject unknown fields, wrong types and values outside an enumeration the same way client-java does for the
 * built-in kinds. A field the manifests start to use must be added here first: that is the point.
 */
final class CustomResources {

    private CustomResources() {
    }

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** The model of each custom kind, by "apiVersion/kind"; other custom kinds are refused. */
    static final Map<String, Class<? extends Resource>> KINDS = Map.of(
            "cert-manager.io/v1/Certificate", Certificate.class,
            "gateway.networking.k8s.io/v1/Gateway", Gateway.class,
            "gateway.networking.k8s.io/v1/HTTPRoute", HttpRoute.class,
            "postgresql.cnpg.io/v1/Cluster", Cluster.class,
            "postgresql.cnpg.io/v1/ScheduledBackup", ScheduledBackup.class,
            "postgresql.cnpg.io/v1/Database", Database.class);

    sealed interface Resource permits Certificate, Gateway, HttpRoute, Cluster, ScheduledBackup, Database {
        Meta metadata();
    }

    record Meta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
    }

    record LocalRef(String name) {
    }

    record SecretKeyRef(String name, String key) {
    }

    // --- cert-manager.io/v1 ---

    record Certificate(String apiVersion, String kind, Meta metadata, CertificateSpec spec) implements Resource {
    }

    record CertificateSpec(String secretName, List<String> dnsNames, String commonName, IssuerRef issuerRef,
            PrivateKey privateKey, String duration, String renewBefore, List<String> usages) {
    }

    enum IssuerKind { Issuer, ClusterIssuer }

    record IssuerRef(String name, IssuerKind kind, String group) {
    }

    enum KeyAlgorithm { RSA, ECDSA, Ed25519 }

    enum RotationPolicy { Never, Always }

    record PrivateKey(KeyAlgorithm algorithm, Integer size, RotationPolicy rotationPolicy, String encoding) {
    }

    // --- gateway.networking.k8s.io/v1 ---

    record Gateway(String apiVersion, String kind, Meta metadata, GatewaySpec spec) implements Resource {
    }

    record GatewaySpec(String gatewayClassName, List<Listener> listeners) {
    }

    enum ListenerProtocol { HTTP, HTTPS, TLS, TCP, UDP }

    record Listener(String name, String hostname, int port, ListenerProtocol protocol, GatewayTls tls,
            AllowedRoutes allowedRoutes) {
    }

    enum TlsMode { Terminate, Passthrough }

    record GatewayTls(TlsMode mode, List<ObjectRef> certificateRefs) {
    }

    record ObjectRef(String group, String kind, String name, String namespace) {
    }

    enum FromNamespaces { All, Selector, Same }

    record AllowedRoutes(RouteNamespaces namespaces) {
    }

    record RouteNamespaces(FromNamespaces from) {
    }

    record HttpRoute(String apiVersion, String kind, Meta metadata, HttpRouteSpec spec) implements Resource {
    }

    record HttpRouteSpec(List<ParentRef> parentRefs, List<String> hostnames, List<HttpRouteRule> rules) {
    }

    record ParentRef(String group, String kind, String namespace, String name, String sectionName, Integer port) {
    }

    record HttpRouteRule(String name, List<HttpRouteMatch> matches, List<BackendRef> backendRefs) {
    }

    record HttpRouteMatch(PathMatch path, String method) {
    }

    enum PathMatchType { Exact, PathPrefix, RegularExpression }

    record PathMatch(PathMatchType type, String value) {
    }

    record BackendRef(String group, String kind, String name, String namespace, Integer port, Integer weight) {
    }

    // --- postgresql.cnpg.io/v1 ---

    record Cluster(String apiVersion, String kind, Meta metadata, ClusterSpec spec) implements Resource {
    }

    enum PrimaryUpdateStrategy { unsupervised, supervised }

    record ClusterSpec(int instances, String imageName, PrimaryUpdateStrategy primaryUpdateStrategy,
            Storage storage, Storage walStorage, Resources resources, PostgresConfig postgresql,
            Bootstrap bootstrap, Managed managed, Backup backup) {
    }

    record Storage(String size, String storageClass) {
    }

    record Resources(Map<String, String> requests, Map<String, String> limits) {
    }

    record PostgresConfig(Map<String, String> parameters) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner, LocalRef secret) {
    }

    record Managed(List<Role> roles) {
    }

    enum Ensure { present, absent }

    record Role(String name, Ensure ensure, Boolean login, Boolean createrole, Boolean createdb, Boolean superuser,
            List<String> inRoles, LocalRef passwordSecret, Integer connectionLimit) {
    }

    record Backup(String retentionPolicy, BarmanObjectStore barmanObjectStore) {
    }

    record BarmanObjectStore(String destinationPath, String endpointURL, S3Credentials s3Credentials,
            DataCompression wal, DataCompression data) {
    }

    record S3Credentials(SecretKeyRef accessKeyId, SecretKeyRef secretAccessKey, SecretKeyRef region,
            SecretKeyRef sessionToken, @JsonProperty("inheritFromIAMRole") Boolean inheritFromIamRole) {
    }

    enum Compression { gzip, bzip2, lz4, snappy, xz, zstd }

    record DataCompression(Compression compression) {
    }

    record ScheduledBackup(String apiVersion, String kind, Meta metadata, ScheduledBackupSpec spec)
            implements Resource {
    }

    enum BackupMethod { barmanObjectStore, volumeSnapshot, plugin }

    enum BackupOwnerReference { none, self, cluster }

    record ScheduledBackupSpec(String schedule, BackupOwnerReference backupOwnerReference, BackupMethod method,
            LocalRef cluster, Boolean immediate, Boolean suspend) {
    }

    record Database(String apiVersion, String kind, Meta metadata, DatabaseSpec spec) implements Resource {
    }

    record DatabaseSpec(String name, String owner, LocalRef cluster, Ensure ensure) {
    }
}

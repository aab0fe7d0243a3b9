package io.verity.sessions.blobs;


import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Blobs as objects of an S3-compatible store (AWS S3, MinIO, Ceph) under {@code <client id>/<key>}. Objects are
 * written before the database transaction that refers to them commits; a failed transaction deletes its object.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final String bucket;

    public S3BlobStore(StorageSettings.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                // S3-compatible stores (S3Proxy, older MinIO and Ceph) do not all speak the SDK's newer default
                // checksums sent in aws-chunked trailers: send a checksum only where S3 requires one, unchunked.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        config.endpoint().filter(e -> !e.isBlank()).ifPresent(e -> builder.endpointOverride(URI.create(e)));
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
        this.bucket = config.bucket();
        ensureBucket();
    }

    private void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
                LOG.infof("created bucket %s", bucket);
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another replica created it
            }
        }
    }

    private static String objectKey(UUID clientId, String key) {
        return clientId + "/" + key;
    }

    @Override
    public void put(UUID clientId, String key, byte[] data) {
        s3.putObject(b -> b.bucket(bucket).key(objectKey(clientId, key)).contentType("application/octet-stream"),
                RequestBody.fromBytes(data));
    }

    @Override
    public Optional<byte[]> get(UUID clientId, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(clientId, key))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(UUID clientId, String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(objectKey(clientId, key)));
    }

    @Override
    public boolean reachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public void close() {
        s3.close();
    }
}

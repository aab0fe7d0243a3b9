package io.verity.sessions.blobs;

import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where encrypted images are kept (a config group each service maps; both IDV and IDA read the same store). */
public interface StorageSettings {

    /** postgres (default) or s3. */
    @WithDefault("postgres")
    String backend();

    S3 s3();

    interface S3 {
        /** An S3-compatible endpoint (MinIO, Ceph); empty for AWS itself. */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("verity-idv")
        String bucket();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style addressing (MinIO, Ceph, S3Proxy). */
        @WithDefault("true")
        boolean pathStyle();
    }
}

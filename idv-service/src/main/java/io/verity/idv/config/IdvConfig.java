package io.verity.idv.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** idv-service's settings; application.properties documents each section. */
@ConfigMapping(prefix = "verity.idv")
public interface IdvConfig {

    /** How long a session stays open for the SDK after it was created. */
    @WithDefault("1h")
    Duration sessionTtl();

    Images images();

    Liveness liveness();

    Sdk sdk();

    Matcher matcher();

    Storage storage();

    Location location();

    interface Images {
        /** Largest accepted image file. */
        @WithDefault("10000000")
        int maxBytes();

        /** Largest accepted width × height (decompression bombs). */
        @WithDefault("40000000")
        long maxPixels();

        /** Smallest accepted width and height. */
        @WithDefault("200")
        int minSide();
    }

    interface Liveness {
        /** How long a liveness token (and its challenge) is accepted after it was generated. */
        @WithDefault("5m")
        Duration tokenTtl();

        /** Liveness processings a session may fail before it is blocked. */
        @WithDefault("3")
        int maxAttempts();

        /** Most frames in one processing (a straight-ahead frame plus one per challenge step). */
        @WithDefault("4")
        int maxFrames();

        /** Head turns in a passive_active challenge. */
        @WithDefault("2")
        int challengeSteps();

        /** Smallest yaw, in degrees, that counts as a head turn. */
        @WithDefault("12")
        float turnDegrees();

        /**
         * Cosine similarity of the selfie to the document portrait from which the selfie is taken to be the
         * document itself shown to the camera. Two different captures of the same printed portrait measure 0.98;
         * different photos of one person 0.65-0.80 (idv-service/README.md).
         */
        @WithDefault("0.9")
        float replaySimilarity();
    }

    interface Sdk {
        /** SDK calls one session may make per minute. */
        @WithDefault("60")
        int callsPerSessionPerMinute();

        /** SDK calls one IP address may make per minute. */
        @WithDefault("600")
        int callsPerIpPerMinute();

        /** Per client id: the browser origins allowed to make SDK calls; a client not listed is not restricted. */
        Map<String, List<String>> allowedOrigins();

        /** Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed. */
        Optional<List<String>> trustedProxies();
    }

    interface Matcher {
        /** identity-service, whose internal face API idv-service calls. */
        @WithDefault("http://127.0.0.1:8081")
        String url();

        @WithDefault("2s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration readTimeout();
    }

    interface Storage {
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

    interface Location {
        /** Where bin/fetch-geo cached the DB-IP and GeoNames files; default ~/.cache/verity/geo. */
        Optional<String> dataDir();
    }
}

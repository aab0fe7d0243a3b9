package io.verity.sessions.liveness;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Liveness settings (a config group each service maps under its own prefix; docs/adr/0008). */
public interface LivenessSettings {

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

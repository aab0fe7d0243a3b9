package io.verity.weights.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.verity.weights.domain.WeightValues;
import io.verity.weights.domain.WeightsVersion;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A version of the weights as the API answers it: the spec's fields plus the version's id and creation time. */
@Schema(name = "Weights")
public record WeightsView(
        @Schema(required = true, description = "Id of this version; a session records it (idv_weights_id) and "
                + "GET /weights/{id} reads it back unchanged for as long as the client exists")
        UUID id,
        @Schema(required = true, description = "The client the version belongs to")
        UUID clientId,
        @Schema(nullable = true, description = "The user (the client's own id) this version applies to; null for the "
                + "client-wide version and for the system defaults")
        String userId,
        @JsonUnwrapped
        WeightValues values,
        @Schema(required = true, description = "When the version was written (for system defaults: first served to "
                + "this client)")
        OffsetDateTime createdAt) {

    static WeightsView of(WeightsVersion version) {
        return new WeightsView(version.id, version.clientId, version.userId, version.values, version.createdAt);
    }
}

package io.verity.weights.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.verity.platform.weights.DocumentType;
import io.verity.weights.domain.RequirementValues;
import io.verity.weights.domain.RequirementsVersion;
import jakarta.ws.rs.core.Request;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestResponse;

/** A version of the requirements for one document type and data source. */
@Schema(name = "Requirements")
public record RequirementsView(
        @Schema(required = true, description = "Id of this version; GET /requirements/{id} reads it back unchanged")
        UUID id,
        @Schema(required = true, description = "The client the version belongs to")
        UUID clientId,
        @Schema(nullable = true, description = "The user (the client's own id) this version applies to; null for the "
                + "client-wide version and for the system defaults")
        String userId,
        @Schema(required = true, description = "The document type these requirements are for")
        DocumentType typeE,
        @Schema(required = true, examples = "unknown", description = "The data source these requirements are for")
        String dataSourceE,
        @JsonUnwrapped
        RequirementValues values,
        @Schema(required = true, description = "When the version was written (for system defaults: first served to "
                + "this client)")
        OffsetDateTime createdAt) {

    static RequirementsView of(RequirementsVersion version) {
        return new RequirementsView(version.id, version.clientId, version.userId,
                DocumentType.fromWire(version.typeE).orElseThrow(), version.dataSourceE, version.values,
                version.createdAt);
    }

    /** The spec's answer to "get requirements": one entry per document type asked for. */
    @Schema(name = "RequirementsList")
    public record RequirementsList(List<RequirementsView> requirements) {

        /** 200 with the list, or 304 when the caller's If-None-Match names this very set of versions. */
        static RestResponse<RequirementsList> answer(Request request, List<RequirementsVersion> versions) {
            return Conditional.answer(request, Conditional.tag(versions.stream().map(v -> v.id).toList()),
                    Conditional.CURRENT, new RequirementsList(versions.stream().map(RequirementsView::of).toList()));
        }
    }
}

package io.verity.identity.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.identity.service.TemplateService;
import io.verity.platform.identities.Identity;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Erasure of an identity's faces (internal token; ida-service calls it when an identity is deleted or its retention
 * ends): its templates in {@value Identity#GALLERY}, the templates of the event attendees registered from it, and the
 * gate photos of their identifications. The encrypted embeddings are erased in the database at once (tombstones), this
 * replica's indexes forget them at once, and every other replica within its refresh interval (2 s).
 */
@Path("/internal/v1/identities/{identityId}/faces")
@RolesAllowed(Roles.INTERNAL)
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "InternalToken")
@Tag(name = "Matcher (internal)")
@Produces(MediaType.APPLICATION_JSON)
public class InternalIdentityResource {

    private static final Logger LOG = Logger.getLogger(InternalIdentityResource.class);

    @Inject
    TemplateService templates;

    @Inject
    Caller caller;

    /** How many templates were erased, per gallery. */
    public record Erased(UUID identityId, int templates, Map<String, Integer> galleries) {
    }

    @DELETE
    @Operation(operationId = "eraseIdentityFaces", summary = "Erase every face template of an identity, in every gallery",
            description = "Idempotent: an identity without templates answers templates 0.")
    public Erased erase(@PathParam("identityId") UUID identityId) {
        UUID clientId = caller.clientId();
        Map<String, List<UUID>> erased = QuarkusTransaction.requiringNew().call(() ->
                templates.eraseIdentity(clientId, Identity.GALLERY, identityId));
        erased.forEach((gallery, ids) -> templates.forget(clientId, gallery, ids));
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        erased.forEach((gallery, ids) -> counts.put(gallery, ids.size()));
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        LOG.infof("erased %d face templates of identity %s of client %s (%s)", total, identityId, clientId, counts.keySet());
        return new Erased(identityId, total, counts);
    }
}

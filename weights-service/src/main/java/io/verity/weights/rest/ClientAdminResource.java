package io.verity.weights.rest;

import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Roles;
import io.verity.platform.tenancy.ApiKey;
import io.verity.platform.tenancy.ApiKeyService;
import io.verity.platform.tenancy.Client;
import io.verity.platform.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Administration of clients (tenants) and their API keys. OIDC bearer token with role {@code admin}; reviewers may
 * list and read clients (not their keys).
 */
@Path("/admin/clients")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "AdminBearer")
@Tag(name = "Clients and API keys (admin)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientAdminResource {

    private static final Logger LOG = Logger.getLogger(ClientAdminResource.class);

    @Inject
    ApiKeyService apiKeys;

    public record NewClient(@NotBlank @Size(max = 200) String name) {
    }

    public record ClientView(UUID id, String name, String status, OffsetDateTime createdAt) {
        static ClientView of(Client c) {
            return new ClientView(c.id, c.name, c.status, c.createdAt);
        }
    }

    public record ClientList(List<ClientView> clients, Paging.MetaCounts metaCounts) {
    }

    public record NewApiKey(@NotBlank @Size(max = 200) String name) {
    }

    /** A key as listed: never the secret. */
    public record ApiKeyView(UUID id, UUID clientId, String name, String prefix, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id, k.clientId, k.name, k.prefix, k.createdAt, k.lastUsedAt, k.revokedAt);
        }
    }

    public record ApiKeyList(List<ApiKeyView> apiKeys, Paging.MetaCounts metaCounts) {
    }

    @POST
    @Transactional
    @Operation(operationId = "createClient", summary = "Create a client")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClientView.class), examples = @ExampleObject(name = "client", value =
                    "{\"id\":\"1ef847d8-e142-4381-8d9d-606568607bb4\",\"name\":\"acme\",\"status\":\"active\","
                    + "\"created_at\":\"2026-04-01T10:00:00Z\"}")))
    @APIResponse(responseCode = "409", description = "A client of that name exists")
    public Response create(@Valid @NotNull NewClient body) {
        String name = body.name().strip();
        if (Client.nameTaken(name)) {
            throw new ProblemException(409, "client_exists", "a client named '" + name + "' exists");
        }
        Client client = Client.create(name);
        LOG.infof("created client %s (%s)", client.id, client.name);
        return Response.status(201).entity(ClientView.of(client)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER}) // reviewers pick the client whose sessions they review
    @Operation(operationId = "listClients", summary = "List clients, newest first",
            description = "Administrators and reviewers (who choose the client whose sessions they review).")
    public ClientList list(@QueryParam("take") Integer take, @QueryParam("skip") Integer skip) {
        Paging paging = Paging.of(take, skip);
        List<ClientView> page = Client.<Client>findAll(io.quarkus.panache.common.Sort.descending("createdAt"))
                .range(paging.skip(), paging.skip() + paging.take() - 1).list()
                .stream().map(ClientView::of).toList();
        return new ClientList(page, paging.counts(page.size(), Client.count()));
    }

    @GET
    @Path("{clientId}")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "getClient", summary = "Read a client", description = "Administrators and reviewers.")
    public ClientView get(@PathParam("clientId") UUID clientId) {
        return ClientView.of(client(clientId));
    }

    @POST
    @Path("{clientId}/api-keys")
    @Operation(operationId = "issueApiKey", summary = "Issue an API key", description = "The response is the only time the key is shown; only its hash is kept.")
    @APIResponse(responseCode = "201", description = "Issued; `key` is shown this once", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyService.IssuedKey.class),
            examples = @ExampleObject(name = "key", value = "{\"id\":\"5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11\","
                    + "\"client_id\":\"1ef847d8-e142-4381-8d9d-606568607bb4\",\"name\":\"gate cameras\","
                    + "\"prefix\":\"vty_abcdefghijkl\",\"key\":\"vty_abcdefghijkl.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
                    + "\"created_at\":\"2026-04-01T10:00:00Z\"}")))
    public Response issue(@PathParam("clientId") UUID clientId, @Valid @NotNull NewApiKey body) {
        client(clientId);
        return Response.status(201).entity(apiKeys.issue(clientId, body.name().strip())).build();
    }

    @GET
    @Path("{clientId}/api-keys")
    @Operation(operationId = "listApiKeys", summary = "List a client's API keys (prefixes only, never secrets)")
    public ApiKeyList listKeys(@PathParam("clientId") UUID clientId, @QueryParam("take") Integer take,
            @QueryParam("skip") Integer skip) {
        client(clientId);
        Paging paging = Paging.of(take, skip);
        var query = ApiKey.<ApiKey>find("clientId", io.quarkus.panache.common.Sort.descending("createdAt"), clientId);
        List<ApiKeyView> page = query.range(paging.skip(), paging.skip() + paging.take() - 1).list()
                .stream().map(ApiKeyView::of).toList();
        return new ApiKeyList(page, paging.counts(page.size(), query.count()));
    }

    @DELETE
    @Path("{clientId}/api-keys/{keyId}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key", description = "Refused at once by this service; by the others within "
            + "verity.api-keys.cache-ttl (30 s by default).")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
    public Response revoke(@PathParam("clientId") UUID clientId, @PathParam("keyId") UUID keyId) {
        client(clientId);
        if (!apiKeys.revoke(clientId, keyId)) {
            throw ProblemException.notFound("API key " + keyId);
        }
        return Response.noContent().build();
    }

    private static Client client(UUID clientId) {
        Client client = Client.findById(clientId);
        if (client == null) {
            throw ProblemException.notFound("client " + clientId);
        }
        return client;
    }
}

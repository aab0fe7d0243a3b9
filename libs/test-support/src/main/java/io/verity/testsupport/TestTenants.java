package io.verity.testsupport;

import io.verity.platform.tenancy.ApiKeyService;
import io.verity.platform.tenancy.Client;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Creates clients and API keys through the same code the admin API uses. */
@ApplicationScoped
public class TestTenants {

    public record Tenant(UUID clientId, String apiKey, UUID keyId) {
    }

    @Inject
    ApiKeyService apiKeys;

    @Transactional
    public Tenant create(String namePrefix) {
        Client client = Client.create(namePrefix + "-" + UUID.randomUUID());
        ApiKeyService.IssuedKey key = apiKeys.issue(client.id, "test key");
        return new Tenant(client.id, key.key(), key.id());
    }
}

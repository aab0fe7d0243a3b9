package io.verity.platform.web;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Every operation that accepts {@code ApiKeyAuth} (header x-api-key) also accepts the same key as
 * {@code Authorization: Bearer} ({@code ApiKeyBearer}): the OpenAPI document says so once, here, rather than on every
 * endpoint. Registered with {@code mp.openapi.filter}.
 */
public class ApiKeyBearerFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            List<SecurityRequirement> security = op.getSecurity();
            if (security == null || security.stream().noneMatch(r -> r.hasScheme("ApiKeyAuth"))
                    || security.stream().anyMatch(r -> r.hasScheme("ApiKeyBearer"))) {
                return;
            }
            List<SecurityRequirement> widened = new ArrayList<>(security);
            widened.add(OASFactory.createSecurityRequirement().addScheme("ApiKeyBearer"));
            op.setSecurity(widened);
        }));
    }
}

package io.verity.platform.info;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

@ConfigMapping(prefix = "verity.service")
public interface ServiceConfig {

    /** One line on what this service does, shown by {@code GET /}. */
    @WithDefault("A Verity service")
    String description();

    /** Where this deployment runs (dev, test, staging, prod…), shown by the info endpoints. */
    @WithDefault("dev")
    String environment();

    /** Other services this one calls, by name, with their base URL; {@code GET /health} checks each. */
    Map<String, String> dependencies();
}

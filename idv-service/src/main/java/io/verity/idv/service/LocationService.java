package io.verity.idv.service;

import io.verity.idv.domain.Capture;
import io.verity.idv.domain.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.verity.sessions.location.CityLocator;
import io.verity.sessions.location.IpLocator;
import io.verity.sessions.sdk.ClientAddresses;

/** Records where a capture happened, as far as the session's settings allow (collect_ip_data, collect_location_data). */
@ApplicationScoped
public class LocationService {

    public static final String FRONT = "front_doc_image_capture";
    public static final String BACK = "back_doc_image_capture";
    public static final String SELFIE = "selfie_image_capture";

    @Inject
    IpLocator ips;

    @Inject
    CityLocator cities;

    /** In the caller's transaction; replaces an earlier capture of the same type (a retried liveness). */
    public Capture record(Session session, SessionSettings settings, String captureType, String ip, double latitude,
            double longitude) {
        Capture capture = Capture.findById(new Capture.Key(session.id, captureType));
        if (capture == null) {
            capture = new Capture();
            capture.sessionId = session.id;
            capture.captureType = captureType;
            capture.clientId = session.clientId;
        }
        capture.capturedAt = OffsetDateTime.now();
        if (settings.collectIp()) {
            capture.ipAddress = ip;
            InetAddress address = ClientAddresses.literal(ip);
            var place = address == null ? java.util.Optional.<IpLocator.IpPlace>empty() : ips.locate(address);
            capture.ipCountry = place.map(IpLocator.IpPlace::countryCode).orElse(null);
            capture.ipRegion = place.map(IpLocator.IpPlace::region).orElse(null);
            capture.ipCity = place.map(IpLocator.IpPlace::city).orElse(null);
            capture.ipLatitude = place.map(IpLocator.IpPlace::latitude).orElse(null);
            capture.ipLongitude = place.map(IpLocator.IpPlace::longitude).orElse(null);
        }
        if (settings.collectLocation()) {
            capture.deviceLatitude = latitude;
            capture.deviceLongitude = longitude;
            var place = cities.nearest(latitude, longitude);
            capture.deviceLocality = place.map(CityLocator.Place::locality).orElse(null);
            capture.deviceCountryCode = place.map(CityLocator.Place::countryCode).orElse(null);
            capture.deviceCountryName = place.map(CityLocator.Place::countryName).orElse(null);
            capture.deviceAdminArea = place.map(CityLocator.Place::adminArea).orElse(null);
            capture.deviceSubAdminArea = place.map(CityLocator.Place::subAdminArea).orElse(null);
            capture.deviceLocation = place.map(p -> Stream.of(p.locality(), p.adminArea(), p.countryName())
                    .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "))).orElse(null);
        }
        capture.persist();
        return capture;
    }
}

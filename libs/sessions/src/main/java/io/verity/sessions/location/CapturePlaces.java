package io.verity.sessions.location;

import io.verity.sessions.domain.CapturePlace;
import io.verity.sessions.sdk.ClientAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Places a capture: the caller's IP with its place (DB-IP), the device's coordinates with theirs (GeoNames). */
@ApplicationScoped
public class CapturePlaces {

    @Inject
    IpLocator ips;

    @Inject
    CityLocator cities;

    /** Sets the capture's time and, where asked, its IP and device places (each field null when unknown). */
    public void place(CapturePlace capture, boolean collectIp, String ip, boolean collectLocation, double latitude,
            double longitude) {
        capture.capturedAt = OffsetDateTime.now();
        if (collectIp) {
            capture.ipAddress = ip;
            InetAddress address = ClientAddresses.literal(ip);
            Optional<IpLocator.IpPlace> place = address == null ? Optional.empty() : ips.locate(address);
            capture.ipCountry = place.map(IpLocator.IpPlace::countryCode).orElse(null);
            capture.ipRegion = place.map(IpLocator.IpPlace::region).orElse(null);
            capture.ipCity = place.map(IpLocator.IpPlace::city).orElse(null);
            capture.ipLatitude = place.map(IpLocator.IpPlace::latitude).orElse(null);
            capture.ipLongitude = place.map(IpLocator.IpPlace::longitude).orElse(null);
        }
        if (collectLocation) {
            capture.deviceLatitude = latitude;
            capture.deviceLongitude = longitude;
            Optional<CityLocator.Place> place = cities.nearest(latitude, longitude);
            capture.deviceLocality = place.map(CityLocator.Place::locality).orElse(null);
            capture.deviceCountryCode = place.map(CityLocator.Place::countryCode).orElse(null);
            capture.deviceCountryName = place.map(CityLocator.Place::countryName).orElse(null);
            capture.deviceAdminArea = place.map(CityLocator.Place::adminArea).orElse(null);
            capture.deviceSubAdminArea = place.map(CityLocator.Place::subAdminArea).orElse(null);
            capture.deviceLocation = place.map(p -> Stream.of(p.locality(), p.adminArea(), p.countryName())
                    .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "))).orElse(null);
        }
    }
}

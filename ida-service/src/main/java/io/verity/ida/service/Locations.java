package io.verity.ida.service;

import io.verity.ida.domain.IdaCapture;
import io.verity.ida.domain.IdaSession;
import io.verity.sessions.location.CityLocator;
import io.verity.sessions.location.IpLocator;
import io.verity.sessions.sdk.ClientAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where an IDA selfie was captured: the caller's IP and its place (DB-IP), the device's coordinates and theirs (GeoNames). */
@ApplicationScoped
public class Locations {

    @Inject
    IpLocator ips;

    @Inject
    CityLocator cities;

    /** In the caller's transaction; replaces an earlier capture (a retried liveness). */
    public IdaCapture record(IdaSession session, String ip, double latitude, double longitude) {
        IdaCapture c = IdaCapture.findById(session.id);
        if (c == null) {
            c = new IdaCapture();
            c.sessionId = session.id;
            c.clientId = session.clientId;
        }
        c.capturedAt = OffsetDateTime.now();
        c.ipAddress = ip;
        InetAddress address = ClientAddresses.literal(ip);
        Optional<IpLocator.IpPlace> ipPlace = address == null ? Optional.empty() : ips.locate(address);
        c.ipCountry = ipPlace.map(IpLocator.IpPlace::countryCode).orElse(null);
        c.ipRegion = ipPlace.map(IpLocator.IpPlace::region).orElse(null);
        c.ipCity = ipPlace.map(IpLocator.IpPlace::city).orElse(null);
        c.ipLatitude = ipPlace.map(IpLocator.IpPlace::latitude).orElse(null);
        c.ipLongitude = ipPlace.map(IpLocator.IpPlace::longitude).orElse(null);
        c.deviceLatitude = latitude;
        c.deviceLongitude = longitude;
        var place = cities.nearest(latitude, longitude);
        c.deviceLocality = place.map(CityLocator.Place::locality).orElse(null);
        c.deviceCountryCode = place.map(CityLocator.Place::countryCode).orElse(null);
        c.deviceCountryName = place.map(CityLocator.Place::countryName).orElse(null);
        c.deviceAdminArea = place.map(CityLocator.Place::adminArea).orElse(null);
        c.deviceSubAdminArea = place.map(CityLocator.Place::subAdminArea).orElse(null);
        c.deviceLocation = place.map(p -> Stream.of(p.locality(), p.adminArea(), p.countryName())
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "))).orElse(null);
        c.persist();
        return c;
    }
}

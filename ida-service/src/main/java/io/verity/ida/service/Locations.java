package io.verity.ida.service;

import io.verity.ida.domain.IdaCapture;
import io.verity.ida.domain.IdaSession;
import io.verity.sessions.location.CapturePlaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where an IDA selfie was captured: the caller's IP and its place (DB-IP), the device's coordinates and theirs (GeoNames). */
@ApplicationScoped
public class Locations {

    @Inject
    CapturePlaces places;

    /** In the caller's transaction; replaces an earlier capture (a retried liveness). */
    public IdaCapture record(IdaSession session, String ip, double latitude, double longitude) {
        IdaCapture c = IdaCapture.findById(session.id);
        if (c == null) {
            c = new IdaCapture();
            c.sessionId = session.id;
            c.clientId = session.clientId;
        }
        places.place(c, true, ip, true, latitude, longitude);
        c.persist();
        return c;
    }
}

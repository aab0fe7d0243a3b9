package io.verity.idv.service;

import io.verity.idv.domain.Capture;
import io.verity.idv.domain.Session;
import io.verity.sessions.location.CapturePlaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Records where a capture happened, as far as the session's settings allow (collect_ip_data, collect_location_data). */
@ApplicationScoped
public class LocationService {

    public static final String FRONT = "front_doc_image_capture";
    public static final String BACK = "back_doc_image_capture";
    public static final String SELFIE = "selfie_image_capture";

    @Inject
    CapturePlaces places;

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
        places.place(capture, settings.collectIp(), ip, settings.collectLocation(), latitude, longitude);
        capture.persist();
        return capture;
    }
}

package io.verity.idv.service;

import io.verity.idv.domain.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.UUID;
import io.verity.sessions.images.ImageCheck;
import io.verity.sessions.images.FileTypes;

/** The document's front and back images: checked, stored encrypted, with where they were captured. */
@ApplicationScoped
public class DocumentService {

    @Inject
    SessionService sessions;

    @Inject
    ImageCheck images;

    @Inject
    ImageStore store;

    @Inject
    LocationService locations;

    @Inject
    SessionHistory history;

    @Transactional
    public void front(UUID clientId, UUID sessionId, byte[] image, String ip, double latitude, double longitude, String actor) {
        ImageCheck.Checked checked = images.check(image, "image");
        Session s = sessions.forChange(clientId, sessionId, true);
        String fileType = FileTypes.front(s.documentType);
        if (s.frontGiven()) {
            throw SessionService.conflict("already_given", "the document front was already given for this session");
        }
        store.store(clientId, s.id, fileType, checked);
        locations.record(s, sessions.settings(s), LocationService.FRONT, ip, latitude, longitude);
        s.documentFrontGivenAt = OffsetDateTime.now();
        s.updatedAt = s.documentFrontGivenAt;
        history.record(s, "document_front_added", "sdkDocumentFrontImageAdd", actor, "accepted",
                fileType + " " + checked.width() + "x" + checked.height());
    }

    @Transactional
    public void back(UUID clientId, UUID sessionId, byte[] image, String ip, double latitude, double longitude, String actor) {
        ImageCheck.Checked checked = images.check(image, "image");
        Session s = sessions.forChange(clientId, sessionId, true);
        String fileType = FileTypes.back(s.documentType);
        if (!s.frontGiven()) {
            throw SessionService.conflict("document_front_required", "the document front must be given before its back");
        }
        if (s.backGiven()) {
            throw SessionService.conflict("already_given", "the document back was already given for this session");
        }
        store.store(clientId, s.id, fileType, checked);
        locations.record(s, sessions.settings(s), LocationService.BACK, ip, latitude, longitude);
        s.documentBackGivenAt = OffsetDateTime.now();
        s.updatedAt = s.documentBackGivenAt;
        history.record(s, "document_back_added", "sdkDocumentBackImageAdd", actor, "accepted",
                fileType + " " + checked.width() + "x" + checked.height());
    }
}

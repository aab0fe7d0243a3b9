package io.verity.sessions.images;

import io.verity.platform.error.ProblemException;
import java.util.List;
import java.util.Map;

/** The spec's storage_file_type_e: which stored image a document side or a liveness frame is. */
public final class FileTypes {

    public static final String SELFIE = "selfie";
    public static final String LIVENESS_PASSIVE = "liveness_passive";
    public static final List<String> ALL = List.of("unknown", "driver_license_front", "driver_license_back",
            "state_id_card_front", "state_id_card_back", "passport_front", "passport_card_front", "passport_card_back",
            "selfie", "liveness_passive", "liveness_active_step_1", "liveness_active_step_2", "liveness_active_step_3",
            "liveness_active_step_4");

    private static final Map<String, String> FRONT = Map.of("driver_license", "driver_license_front",
            "identification_card", "state_id_card_front", "passport", "passport_front", "passport_card", "passport_card_front");
    private static final Map<String, String> BACK = Map.of("driver_license", "driver_license_back",
            "identification_card", "state_id_card_back", "passport_card", "passport_card_back");

    private FileTypes() {
    }

    public static String front(String documentType) {
        String type = documentType == null ? null : FRONT.get(documentType);
        if (type == null) {
            throw new ProblemException(409, "document_type_required",
                    "the document type (sdkDocumentTypeUpdate) must be known before its images are given");
        }
        return type;
    }

    public static String back(String documentType) {
        front(documentType);
        String type = BACK.get(documentType); // documentType is known here: front() checked it
        if (type == null) {
            throw new ProblemException(400, "no_back_side", "a " + documentType + " has no back side to give");
        }
        return type;
    }

    /** Whether the document type has a back that must be given before liveness. */
    public static boolean hasBack(String documentType) {
        return documentType != null && BACK.containsKey(documentType);
    }

    public static String activeStep(int step) {
        return "liveness_active_step_" + step;
    }
}

package io.verity.face;

/**
 * An input the face engine will not process, with a stable reason a caller can act on
 * (identity-service answers it as a 4xx with {@code code} = {@link Reason#code()}).
 */
public class FaceRefusal extends RuntimeException {

    public enum Reason {
        UNSUPPORTED_FORMAT("unsupported_format"),
        TOO_LARGE("too_large"),
        NO_FACE("no_face"),
        FACE_TOO_SMALL("face_too_small"),
        MULTIPLE_FACES("multiple_faces"),
        FACE_TOO_BLURRED("face_too_blurred"),
        FACE_TURNED_TOO_FAR("face_turned_too_far");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public FaceRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

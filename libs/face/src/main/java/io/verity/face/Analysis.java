package io.verity.face;

import io.verity.face.FaceRefusal.Reason;
import java.util.List;

/**
 * The faces found in one image, the subject first (the rule is on {@link FaceEngine#analyze(byte[], FaceEngine.Detail)}):
 * at most {@link FaceEngine#MAX_FACES_ANALYSED} are analysed; {@code facesSeen} counts every face large enough to use
 * that the detector found.
 */
public record Analysis(int width, int height, List<Face> faces, int facesSeen) {

    public Analysis(int width, int height, List<Face> faces) {
        this(width, height, faces, faces.size());
    }

    /** The subject, for calls that use one face of a photo (identification, comparison, search). */
    public Face subject() {
        return faces.get(0);
    }

    /** The only face, for calls where a second face makes the input ambiguous (enrolment). */
    public Face single() {
        if (faces.size() > 1) {
            throw new FaceRefusal(Reason.MULTIPLE_FACES, "the image shows " + faces.size() + " faces; exactly one is required");
        }
        return faces.get(0);
    }
}

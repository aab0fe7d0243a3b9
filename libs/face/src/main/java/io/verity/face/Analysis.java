package io.verity.face;

import io.verity.face.FaceRefusal.Reason;
import java.util.List;

/**
 * The faces found in one image, largest first: at most {@link FaceEngine#MAX_FACES_ANALYSED} are analysed;
 * {@code facesSeen} counts every usable face the detector found.
 */
public record Analysis(int width, int height, List<Face> faces, int facesSeen) {

    public Analysis(int width, int height, List<Face> faces) {
        this(width, height, faces, faces.size());
    }

    /** The largest face, for calls that use one face of a photo (identification, comparison, search). */
    public Face largest() {
        return faces.get(0);
    }

    /** The only face, for calls where a second face makes the input ambiguous (enrolment). */
    public Face single() {
        if (facesSeen > 1) {
            throw new FaceRefusal(Reason.MULTIPLE_FACES, "the image shows " + facesSeen + " faces; exactly one is required");
        }
        return faces.get(0);
    }
}

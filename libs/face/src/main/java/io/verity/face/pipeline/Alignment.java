package io.verity.face.pipeline;

import io.verity.face.tensor.Affine;

/**
 * The least-squares similarity transform (rotation, uniform scale, translation; no shear, no reflection) that takes
 * the five face points onto ArcFace's 112×112 reference positions.
 */
public final class Alignment {

    /** Eye centres, nose tip, mouth corners of the ArcFace template, in a 112×112 crop. */
    static final double[][] REFERENCE = {
        {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041},
    };

    private Alignment() {
    }

    /** Source image → aligned crop. */
    public static Affine toReference(double[][] points) {
        return similarity(points, REFERENCE);
    }

    static Affine similarity(double[][] src, double[][] dst) {
        int n = src.length;
        double msx = 0, msy = 0, mdx = 0, mdy = 0;
        for (int i = 0; i < n; i++) {
            msx += src[i][0];
            msy += src[i][1];
            mdx += dst[i][0];
            mdy += dst[i][1];
        }
        msx /= n;
        msy /= n;
        mdx /= n;
        mdy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double px = src[i][0] - msx, py = src[i][1] - msy;
            double qx = dst[i][0] - mdx, qy = dst[i][1] - mdy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (norm < 1e-9) {
            throw new IllegalArgumentException("the face points coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new Affine(a, -b, mdx - (a * msx - b * msy), b, a, mdy - (b * msx + a * msy));
    }
}

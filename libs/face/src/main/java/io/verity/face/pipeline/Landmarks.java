package io.verity.face.pipeline;

/**
 * The 68 facial landmarks (iBUG 300-W order) in image pixels, {@code x0, y0, x1, y1, …}, and the five points that
 * alignment needs: eye centres, nose tip, mouth corners.
 */
public record Landmarks(float[] xy) {

    public float x(int point) {
        return xy[2 * point];
    }

    public float y(int point) {
        return xy[2 * point + 1];
    }

    /** Eye centres (mean of the four lid points), nose tip (30), mouth corners (mean of outer and inner corner). */
    public double[][] fivePoints() {
        return new double[][] {
            {mean(37, 38, 40, 41, true), mean(37, 38, 40, 41, false)},
            {mean(43, 44, 46, 47, true), mean(43, 44, 46, 47, false)},
            {x(30), y(30)},
            {(x(48) + x(60)) / 2.0, (y(48) + y(60)) / 2.0},
            {(x(54) + x(64)) / 2.0, (y(54) + y(64)) / 2.0},
        };
    }

    private double mean(int a, int b, int c, int d, boolean xs) {
        return xs ? (x(a) + x(b) + x(c) + x(d)) / 4.0 : (y(a) + y(b) + y(c) + y(d)) / 4.0;
    }
}

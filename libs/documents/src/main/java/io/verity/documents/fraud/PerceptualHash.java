package io.verity.documents.fraud;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 256-bit DCT perceptual hash (pHash): the signs of the 16×16 lowest frequencies (the DC term excluded) of a 64×64
 * grey thumbnail against their median, as 64 hex digits. Re-encoding and resizing move few bits; a different document
 * moves many, even one printed on the same template (the 64-bit pHash cannot tell two cards of one layout apart,
 * which is why this one is larger).
 */
public final class PerceptualHash {

    /** Two hashes at most this many bits apart (of 256) are taken for the same image. */
    public static final int SAME_IMAGE_BITS = 32;
    public static final int BITS = 256;

    private static final int N = 64;
    private static final int K = 16;
    private static final double[][] COS = new double[K][N];

    static {
        for (int u = 0; u < K; u++) {
            for (int x = 0; x < N; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * N));
            }
        }
    }

    private PerceptualHash() {
    }

    /** The hash as 64 hex digits. */
    public static String of(BufferedImage image) {
        BufferedImage small = new BufferedImage(N, N, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, N, N, null);
        g.dispose();
        double[][] px = new double[N][N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                px[y][x] = small.getRaster().getSample(x, y, 0);
            }
        }
        // separable DCT: rows first, then columns
        double[][] rows = new double[N][K];
        for (int y = 0; y < N; y++) {
            for (int u = 0; u < K; u++) {
                double sum = 0;
                for (int x = 0; x < N; x++) {
                    sum += px[y][x] * COS[u][x];
                }
                rows[y][u] = sum;
            }
        }
        double[] coefficients = new double[K * K];
        for (int v = 0; v < K; v++) {
            for (int u = 0; u < K; u++) {
                double sum = 0;
                for (int y = 0; y < N; y++) {
                    sum += rows[y][u] * COS[v][y];
                }
                coefficients[v * K + u] = sum;
            }
        }
        double[] sorted = Arrays.copyOfRange(coefficients, 1, coefficients.length);
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        byte[] hash = new byte[BITS / 8];
        for (int i = 1; i < coefficients.length; i++) {
            if (coefficients[i] > median) {
                hash[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return HexFormat.of().formatHex(hash);
    }

    public static int distance(String a, String b) {
        return new BigInteger(1, HexFormat.of().parseHex(a)).xor(new BigInteger(1, HexFormat.of().parseHex(b))).bitCount();
    }

    /** The hash as a string of 256 '0' and '1', as PostgreSQL's {@code bit(256)} takes it. */
    public static String bits(String hex) {
        StringBuilder s = new StringBuilder(BITS);
        for (byte b : HexFormat.of().parseHex(hex)) {
            for (int i = 7; i >= 0; i--) {
                s.append((b >> i & 1) == 1 ? '1' : '0');
            }
        }
        return s.toString();
    }
}

package io.verity.documents.mrz;

/** The ICAO 9303 machine-readable zone layouts: lines × characters. */
public enum MrzFormat {
    /** ID cards (part 5): 3 × 30. */
    TD1(3, 30),
    /** Official travel documents (part 6): 2 × 36. */
    TD2(2, 36),
    /** Passports (part 4): 2 × 44. */
    TD3(2, 44),
    /** Visa format A (part 7): 2 × 44, no personal number check digit and no composite. */
    MRV_A(2, 44),
    /** Visa format B (part 7): 2 × 36. */
    MRV_B(2, 36);

    private final int lines;
    private final int length;

    MrzFormat(int lines, int length) {
        this.lines = lines;
        this.length = length;
    }

    public int lines() {
        return lines;
    }

    public int length() {
        return length;
    }

    /** The format of lines of this count and length; a first character V means a visa. */
    public static MrzFormat of(int lines, int length, char first) {
        boolean visa = first == 'V';
        if (lines == 3 && length == 30) {
            return TD1;
        }
        if (lines == 2 && length == 36) {
            return visa ? MRV_B : TD2;
        }
        if (lines == 2 && length == 44) {
            return visa ? MRV_A : TD3;
        }
        return null;
    }
}

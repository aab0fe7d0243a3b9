package io.verity.documents.mrz;

/** The ICAO 9303 check digit: weights 7, 3, 1 over digits, letters A=10…Z=35 and the filler {@code <} = 0. */
public final class CheckDigits {

    private static final int[] WEIGHTS = {7, 3, 1};

    private CheckDigits() {
    }

    public static char compute(CharSequence field) {
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            sum += value(field.charAt(i)) * WEIGHTS[i % 3];
        }
        return (char) ('0' + sum % 10);
    }

    static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return 0;
    }

    /** A printed check digit may be {@code <} where the field is empty: it then counts as 0. */
    public static char printed(char c) {
        return c == '<' ? '0' : c;
    }
}

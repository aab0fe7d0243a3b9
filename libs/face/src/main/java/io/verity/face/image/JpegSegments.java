package io.verity.face.image;

/**
 * What the metadata segments of a JPEG say that decoding needs: the EXIF orientation (APP1, tag 0x0112; 1 is upright)
 * the Adobe colour transform (APP14: 0 means the three components are RGB, not YCbCr) and whether the frame is
 * progressive (SOF2). Anything malformed counts as the default.
 */
record JpegSegments(int orientation, int adobeTransform, boolean progressive) {

    static final int NO_ADOBE_MARKER = -1;

    static JpegSegments scan(byte[] jpeg) {
        int orientation = 1;
        int adobe = NO_ADOBE_MARKER;
        boolean progressive = false;
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            int length = u16(jpeg, i + 2, false);
            int end = i + 2 + length;
            if (marker == 0xDA || length < 2 || end > jpeg.length) {
                break; // start of scan: no more metadata
            }
            if (marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE) {
                progressive = true; // SOF2/6/10/14: progressive, decoded from whole-image coefficient buffers
            }
            if (marker == 0xE1 && length >= 8 && ascii(jpeg, i + 4, "Exif")) {
                orientation = orientation(jpeg, i + 10, end);
            } else if (marker == 0xEE && length >= 14 && ascii(jpeg, i + 4, "Adobe")) {
                adobe = jpeg[i + 15] & 0xff;
            }
            i = end;
        }
        return new JpegSegments(orientation, adobe, progressive);
    }

    private static int orientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int e = 0; e < entries; e++) {
            int entry = (int) ifd + 2 + e * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static boolean ascii(byte[] b, int at, String text) {
        for (int k = 0; k < text.length(); k++) {
            if (b[at + k] != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            int shift = little ? 8 * k : 8 * (3 - k);
            v |= (long) (b[at + k] & 0xff) << shift;
        }
        return v;
    }
}

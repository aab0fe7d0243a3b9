package io.verity.platform.net;

import static io.verity.platform.net.OutboundRefusedException.Reason.NOT_AN_IMAGE;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Image formats Verity reads, recognised by their first bytes, whatever a server declared their type to be. */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp"),
    BMP("image/bmp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP_VP8 = ascii("WEBPVP8");
    private static final byte[] BITMAP = ascii("BM");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format whose signature {@code content} starts with; empty if none. */
    public static Optional<ImageFormat> sniff(byte[] content) {
        if (startsWith(content, 0, (byte) 0xff, (byte) 0xd8, (byte) 0xff)) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, 0, RIFF) && startsWith(content, 8, WEBP_VP8)) {
            return Optional.of(WEBP);
        }
        if (startsWith(content, 0, BITMAP) && isBitmapInfoHeaderSize(content)) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /**
     * The format of {@code content}, or a {@code not_an_image} refusal naming {@code field}.
     *
     * @param field the caller's name for where the content came from, such as {@code image_url}
     */
    public static ImageFormat requireImage(byte[] content, String field) {
        return sniff(content).orElseThrow(() -> new OutboundRefusedException(NOT_AN_IMAGE, field,
                field + " did not return an image: its content is not JPEG, PNG, WebP or BMP")
                .logged("image check"));
    }

    // "BM" alone also starts text; the DIB header that follows the 14-byte file header has one of these sizes.
    private static boolean isBitmapInfoHeaderSize(byte[] content) {
        if (content.length < 18) {
            return false;
        }
        int size = (content[14] & 0xff) | (content[15] & 0xff) << 8 | (content[16] & 0xff) << 16 | (content[17] & 0xff) << 24;
        return size == 12 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108 || size == 124;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] content, int offset, byte... signature) {
        if (content.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (content[offset + i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}

package io.verity.face.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verity.face.FaceRefusal;
import io.verity.face.FaceRefusal.Reason;
import io.verity.face.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(15L << 20, 50_000_000L, 4_000_000L);

    @Test
    void readsJpegPngWithAlphaWebpAndBmpByContent() {
        assertThat(decoder.decode(TestImages.face("obama/obama-2.jpg"))).extracting(RgbImage::width, RgbImage::height)
                .containsExactly(626, 1200);
        assertThat(decoder.decode(TestImages.face("obama/obama-rgba.png"))).extracting(RgbImage::width, RgbImage::height)
                .containsExactly(626, 1200);
        assertThat(decoder.decode(TestImages.resource("obama-2.webp"))).extracting(RgbImage::width, RgbImage::height)
                .containsExactly(626, 1200);
        byte[] bmp = TestImages.encode(TestImages.decodeWithImageIo(TestImages.face("obama/obama-small.jpg")), "bmp");
        assertThat(ImageFormat.sniff(bmp)).contains(ImageFormat.BMP);
        assertThat(decoder.decode(bmp)).extracting(RgbImage::width, RgbImage::height).containsExactly(320, 240);
    }

    @Test
    void ignoresEmbeddedColourProfilesButKeepsTheColours() {
        // alex-lacamoire-2.jpg carries an ICC profile; its pixels must match ImageIO's (colour-managed) decode closely.
        byte[] jpeg = TestImages.face("alex-lacamoire/alex-lacamoire-2.jpg");
        RgbImage ours = decoder.decode(jpeg);
        BufferedImage reference = TestImages.decodeWithImageIo(jpeg);
        long diff = 0;
        int samples = 0;
        for (int y = 0; y < ours.height(); y += 17) {
            for (int x = 0; x < ours.width(); x += 13) {
                int rgb = reference.getRGB(x, y);
                diff += Math.abs(ours.channel(x, y, 0) - ((rgb >> 16) & 0xff))
                        + Math.abs(ours.channel(x, y, 1) - ((rgb >> 8) & 0xff))
                        + Math.abs(ours.channel(x, y, 2) - (rgb & 0xff));
                samples += 3;
            }
        }
        assertThat((double) diff / samples).isLessThan(8.0);
    }

    @Test
    void compositesTransparentPixelsOverWhite() {
        BufferedImage transparent = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        RgbImage decoded = decoder.decode(TestImages.encode(transparent, "png"));
        assertThat(decoded.channel(2, 2, 0)).isEqualTo(255);
        assertThat(decoded.channel(2, 2, 2)).isEqualTo(255);
    }

    @Test
    void refusesWhatIsNotAnImageWhateverItClaims() {
        assertRefused(decoder, "<html><body>not an image</body></html>".getBytes(StandardCharsets.UTF_8), Reason.UNSUPPORTED_FORMAT);
        assertRefused(decoder, "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), Reason.UNSUPPORTED_FORMAT);
        assertRefused(decoder, new byte[0], Reason.UNSUPPORTED_FORMAT);
        byte[] truncated = java.util.Arrays.copyOf(TestImages.face("obama/obama-small.jpg"), 200);
        assertRefused(decoder, truncated, Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void refusesTooManyBytes() {
        ImageDecoder small = new ImageDecoder(10_000, 50_000_000L, 4_000_000L);
        assertRefused(small, TestImages.face("obama/obama-small.jpg"), Reason.TOO_LARGE);
    }

    @Test
    void refusesADecompressionBombFromItsHeaderWithoutDecodingIt() {
        byte[] bomb = pngHeaderOnly(60_000, 60_000); // 3.6 gigapixels announced in 57 bytes
        long start = System.nanoTime();
        assertThatThrownBy(() -> decoder.decode(bomb)).isInstanceOf(FaceRefusal.class)
                .satisfies(e -> assertThat(((FaceRefusal) e).reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("60000×60000");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    }

    @Test
    void appliesExifOrientation() {
        // A wide image whose left half is red: EXIF orientation 6 (rotate 90° clockwise) makes it tall with red on top.
        BufferedImage wide = new BufferedImage(200, 100, BufferedImage.TYPE_3BYTE_BGR);
        var g = wide.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 200, 100);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.dispose();
        byte[] rotated = withExifOrientation(TestImages.encode(wide, "jpeg"), 6);

        RgbImage upright = decoder.decode(rotated);
        assertThat(upright.width()).isEqualTo(100);
        assertThat(upright.height()).isEqualTo(200);
        assertThat(upright.channel(50, 20, 0)).isGreaterThan(200);
        assertThat(upright.channel(50, 180, 2)).isGreaterThan(200);
        assertThat(JpegSegments.scan(rotated).orientation()).isEqualTo(6);
    }

    private static void assertRefused(ImageDecoder decoder, byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOf(FaceRefusal.class)
                .satisfies(e -> assertThat(((FaceRefusal) e).reason()).isEqualTo(reason));
    }

    /** A PNG signature and IHDR chunk (with a correct CRC) announcing the given size, and no pixels. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
        return png.array();
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: orientation) right after SOI. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(exifHeader);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}

package io.verity.documents.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.verity.documents.DocumentFields;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The fraud signals on the ICAO specimen pages of ../shared/data/documents and on images the test builds. */
class FraudSignalsTest {

    static final Path DOCUMENTS = Path.of(System.getProperty("verity.repository", "../.."), "..", "shared", "data", "documents");

    /** A card-like photo: textured background, a portrait-like blob, printed lines, camera noise. */
    static BufferedImage card(long seed) {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(1000, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        for (int y = 0; y < 640; y++) {
            for (int x = 0; x < 1000; x++) {
                int v = (int) (180 + 30 * Math.sin(x / 17.0 + seed) * Math.cos(y / 23.0) + random.nextGaussian() * 6);
                int c = Math.max(0, Math.min(255, v));
                img.setRGB(x, y, new Color(c, Math.min(255, c + 10), Math.max(0, c - 20)).getRGB());
            }
        }
        g.setColor(new Color(120, 90, 70));
        g.fillOval(60, 140, 260, 340);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
        g.drawString("DRIVER LICENSE", 380, 90);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 28));
        for (int i = 0; i < 8; i++) {
            g.drawString("FIELD " + i + ": " + Long.toHexString(random.nextLong()).toUpperCase(), 380, 160 + i * 50);
        }
        g.dispose();
        return img;
    }

    static byte[] jpeg(BufferedImage img, float quality) {
        return ImageForensics.encode(img, quality);
    }

    static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void aCameraLikeJpegIsCleanAndItsQualityIsRead() {
        ForensicsReport r = ImageForensics.analyze(jpeg(card(1), 0.92f));
        System.out.printf("ELA camera-like=%.3f%n", r.errorLevel());
        assertThat(r.jpegQuality()).isBetween(90, 94);
        assertThat(r.software()).isNull();
        assertThat(r.manipulation()).isLessThan(0.5);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aRegionPastedFromAnotherImageStandsOutInErrorLevelAnalysis() throws IOException {
        // the card re-saved three times (as a forger's working copy is), then a fresh patch pasted and saved once
        BufferedImage worked = card(2);
        for (int i = 0; i < 3; i++) {
            worked = decode(jpeg(worked, 0.75f));
        }
        BufferedImage patch = card(99);
        Graphics2D g = worked.createGraphics();
        g.drawImage(patch.getSubimage(380, 120, 560, 200), 380, 120, null);
        g.dispose();
        ForensicsReport edited = ImageForensics.analyze(jpeg(worked, 0.75f));
        ForensicsReport genuine = ImageForensics.analyze(jpeg(decode(jpeg(card(2), 0.75f)), 0.75f));
        System.out.printf("ELA edited=%.3f genuine=%.3f%n", edited.errorLevel(), genuine.errorLevel());
        assertThat(edited.errorLevel()).isGreaterThan(genuine.errorLevel());
        assertThat(edited.errorLevel()).isGreaterThanOrEqualTo(0.5);
        assertThat(genuine.errorLevel()).isLessThan(0.5);
    }

    @Test
    void pixelsReadFromTheRasterAreTheColourModelsOwn() throws IOException {
        BufferedImage ours = card(3);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(ours, "jpeg", jpeg);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg.toByteArray()));
        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        for (BufferedImage image : List.of(ours, decoded, decoded.getSubimage(10, 20, 300, 200))) {
            int w = image.getWidth();
            int[] expected = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
            int[] packed = ImageForensics.packedRgb(image);
            assertThat(packed).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                if ((packed[i] & 0xffffff) != (expected[i] & 0xffffff)) {
                    throw new AssertionError("type " + image.getType() + " pixel " + i + ": " + Integer.toHexString(packed[i])
                            + " against " + Integer.toHexString(expected[i]));
                }
            }
        }
    }

    @Test
    void editingSoftwareInTheMetadataIsReported() throws IOException {
        byte[] plain = jpeg(card(4), 0.9f);
        byte[] app1 = "Exif\0\0 ... Software: Adobe Photoshop 25.0 (Windows)".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write((app1.length + 2) >> 8);
        out.write((app1.length + 2) & 0xff);
        out.write(app1);
        out.write(plain, 2, plain.length - 2);
        ForensicsReport r = ImageForensics.analyze(out.toByteArray());
        assertThat(r.software()).isEqualTo("photoshop");
        assertThat(r.manipulation()).isGreaterThanOrEqualTo(0.5);
        assertThat(r.findings()).contains("the file was saved by photoshop");
    }

    @Test
    void thePerceptualHashSurvivesReencodingAndTellsDocumentsApart() throws IOException {
        BufferedImage td3 = ImageIO.read(DOCUMENTS.resolve("passport-td3.jpg").toFile());
        BufferedImage td2 = ImageIO.read(DOCUMENTS.resolve("passport-td2.jpg").toFile());
        String a = PerceptualHash.of(td3);
        BufferedImage smaller = new BufferedImage(td3.getWidth() / 2, td3.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smaller.createGraphics();
        g.drawImage(td3, 0, 0, smaller.getWidth(), smaller.getHeight(), null);
        g.dispose();
        String again = PerceptualHash.of(decode(jpeg(smaller, 0.6f)));
        assertThat(PerceptualHash.distance(a, again)).isLessThanOrEqualTo(PerceptualHash.SAME_IMAGE_BITS);
        assertThat(PerceptualHash.distance(a, PerceptualHash.of(td2))).isGreaterThan(PerceptualHash.SAME_IMAGE_BITS);
        assertThat(PerceptualHash.distance(PerceptualHash.of(card(5)), PerceptualHash.of(card(6))))
                .isGreaterThan(PerceptualHash.SAME_IMAGE_BITS);
    }

    @Test
    void theIcaoSpecimenPagesShowTheEditorThatSavedThem() throws IOException {
        for (String name : List.of("passport-td3.jpg", "passport-td2.jpg")) {
            ForensicsReport r = ImageForensics.analyze(Files.readAllBytes(DOCUMENTS.resolve(name)));
            // PassportEye's copies were saved by Paint.NET, and the metadata says so
            assertThat(r.software()).isEqualTo("paint.net");
            assertThat(r.jpegQuality()).isEqualTo(97);
            assertThat(r.errorLevel()).isLessThan(0.5);
            assertThat(r.findings()).containsExactly("the file was saved by paint.net");
        }
    }

    @Test
    void specimenWordsAreFoundThroughOcrSlipsButOrdinaryWordsAreNot() {
        assertThat(SuspiciousWords.find(List.of("PASSPORT SPECIMEN"))).containsExactly("SPECIMEN");
        assertThat(SuspiciousWords.find(List.of("5PEC1MEN"))).containsExactly("SPECIMEN");
        assertThat(SuspiciousWords.find(List.of("S P E C I M E N"))).contains("SPECIMEN");
        assertThat(SuspiciousWords.find(List.of("void"))).containsExactly("VOID");
        assertThat(SuspiciousWords.find(List.of("Spécimen"))).containsExactly("SPECIMEN");
        assertThat(SuspiciousWords.find(List.of("ERIKA MUSTERMANN"))).contains("MUSTERMANN");
        assertThat(SuspiciousWords.find(List.of("DRIVER LICENSE", "MASTER", "AVOID", "SIMPLE", "2570 24TH STREET"))).isEmpty();
    }

    @Test
    void publishedSpecimensAreKnown() {
        DocumentFields utopia = new DocumentFields(DocumentFields.Source.MRZ, "L898902C3", "UTO", null, null, null, "ANNA",
                null, "ERIKSSON", null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(KnownSamples.find(utopia)).hasSize(2);
        DocumentFields real = new DocumentFields(DocumentFields.Source.MRZ, "X1234567", "NLD", null, null, null, "ANNA",
                null, "JANSEN", null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(KnownSamples.find(real, null)).isEmpty();
    }
}

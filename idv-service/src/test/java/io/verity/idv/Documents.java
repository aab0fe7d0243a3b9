package io.verity.idv;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentFields.Source;
import io.verity.documents.DocumentReading;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Document images and readings the tests build: a card with a real portrait, unique per seed. */
final class Documents {

    private Documents() {
    }

    /** A licence-like card (1200×760) with the portrait photo on the left and printed lines; unique layout per seed. */
    static byte[] card(byte[] portrait, long seed, String... lines) {
        try {
            Random random = new Random(seed);
            BufferedImage face = ImageIO.read(new ByteArrayInputStream(portrait));
            BufferedImage card = new BufferedImage(1200, 760, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = card.createGraphics();
            g.setColor(new Color(200 + random.nextInt(50), 200 + random.nextInt(50), 200 + random.nextInt(50)));
            g.fillRect(0, 0, 1200, 760);
            for (int i = 0; i < 6; i++) { // large shapes: what makes two cards' perceptual hashes differ
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                g.fillRect(random.nextInt(1200), random.nextInt(760), 150 + random.nextInt(400), 100 + random.nextInt(300));
            }
            int h = 520;
            int w = face.getWidth() * h / face.getHeight();
            g.drawImage(face, 40, 160, Math.min(w, 460), h, null);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
            for (int i = 0; i < lines.length; i++) {
                g.drawString(lines[i], 540, 200 + i * 60);
            }
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(card, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DocumentFields fields(Source source, String number, LocalDate expires, String first, String last,
            LocalDate birth, String street) {
        return new DocumentFields(source, number, source == Source.BARCODE ? "USA" : null, "CA", LocalDate.of(2019, 3, 4),
                expires, first, null, last, null, birth, "M", street, "SACRAMENTO", "CA", "95818", "5-10", "170",
                "BRO", "BLK", "C", null);
    }

    /** A licence read from barcode and printed zone. */
    static DocumentReading licence(String number, LocalDate expires, String first, String last, LocalDate birth,
            String barcodeStreet, String printedStreet, List<String> ocr) {
        return new DocumentReading(fields(Source.BARCODE, number, expires, first, last, birth, barcodeStreet),
                "@\n\u001e\rANSI 636014090102DL00410280ZC03190008DLDAQ" + number, null, List.of(), List.of(),
                fields(Source.VISUAL_ZONE, number, expires, first, last, birth, printedStreet), ocr, List.of());
    }
}

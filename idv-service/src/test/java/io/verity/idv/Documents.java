package io.verity.idv;

import io.verity.documents.mrz.MrzFormat;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.MrzFixtures;
import io.verity.documents.tools.Photos;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The documents the tests photograph, drawn by libs/documents' {@link Photos} with a real portrait, and read by the
 * real reader (OcrDocumentReader) as in production: a US licence (printed front, AAMVA PDF417 back) whose content is
 * the holder's, and a passport data page whose MRZ is the person's. What a test asserts about a document (its names,
 * expiry, a specimen mark, a mismatched address, a sanctioned holder) is drawn on it.
 */
final class Documents {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private Documents() {
    }

    /** A licence holder: libs/documents' sample with these fields, no middle name or suffix, a 5-digit ZIP. */
    static AamvaFixtures.Holder holder(String number, String first, String last, LocalDate birth, LocalDate expires,
            String street) {
        AamvaFixtures.Holder s = AamvaFixtures.sample("USA");
        return new AamvaFixtures.Holder(last, first, "", "", ymd(birth), s.issued(), ymd(expires), s.sex(), street,
                "SACRAMENTO", "CA", "95818", s.country(), s.heightInches(), s.heightCm(), s.weightLb(), s.weightKg(),
                s.eyes(), s.hair(), number, s.vehicleClass(), s.restrictions());
    }

    /** The holder with another street (what the front prints while the barcode says otherwise). */
    static AamvaFixtures.Holder withStreet(AamvaFixtures.Holder h, String street) {
        return new AamvaFixtures.Holder(h.last(), h.first(), h.middle(), h.suffix(), h.birth(), h.issued(), h.expires(),
                h.sex(), street, h.city(), h.state(), h.zip(), h.country(), h.heightInches(), h.heightCm(), h.weightLb(),
                h.weightKg(), h.eyes(), h.hair(), h.number(), h.vehicleClass(), h.restrictions());
    }

    /**
     * The front of {@code h}'s licence with {@code portrait} (a photo of the holder), the whole address under the
     * caption "ADDRESS" (AAMVA field 8; the reader cross-checks it with the barcode), {@code mark} in red
     * at the top right when not null (e.g. "SPECIMEN"), and blocks of colour in the empty margins drawn from
     * {@code seed}: two fronts of different seeds are different images to the perceptual hash (no online
     * duplicate between tests), the same seed gives the same image.
     */
    static byte[] licenceFront(AamvaFixtures.Holder h, byte[] portrait, long seed, String mark) {
        BufferedImage card = Photos.licenceFront(h, image(portrait));
        Graphics2D g = card.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Random random = new Random(seed);
        for (int i = 0; i < 4; i++) { // the bottom strip (below the address) and the right margin hold no text
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(random.nextInt(1100), 690 + random.nextInt(40), 120 + random.nextInt(500), 130);
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(1040 + random.nextInt(120), 120 + random.nextInt(400), 140 + random.nextInt(120), 80 + random.nextInt(200));
        }
        g.setColor(new Color(20, 20, 30));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        g.drawString("ADDRESS", 60, 600);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        g.drawString(h.street() + ", " + h.city() + ", " + h.state() + " " + h.zip(), 60, 645);
        if (mark != null) {
            g.setColor(new Color(200, 20, 20));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
            g.drawString(mark, 760, 80);
        }
        g.dispose();
        return Photos.jpeg(card, 0.92f);
    }

    /**
     * The back of {@code h}'s licence: the AAMVA version 10 PDF417 of the holder's data, with blocks of colour from
     * {@code seed} above and below the barcode: one holder's back in two tests is two images to the perceptual hash.
     */
    static byte[] licenceBack(AamvaFixtures.Holder h, long seed) {
        BufferedImage card = Photos.licenceBack(AamvaFixtures.payload(10, h));
        Graphics2D g = card.createGraphics();
        Random random = new Random(seed);
        for (int i = 0; i < 4; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(random.nextInt(1100), 690 + random.nextInt(40), 120 + random.nextInt(500), 130);
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(random.nextInt(1100), 95, 120 + random.nextInt(500), 70);
        }
        g.dispose();
        return Photos.jpeg(card, 0.92f);
    }

    /**
     * A passport holder (TD3, issued by the USA), valid for five more years; the document and personal numbers are
     * drawn from the seed. A null
     * birth date is unknown ({@code <<<<<<} in the MRZ).
     */
    static MrzFixtures.Person traveller(String surname, String givenNames, char sex, LocalDate birth, long seed) {
        String chars = "ABCDEFGHJKLMNPRTUVWXY0123456789";
        Random random = new Random(seed);
        StringBuilder number = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            number.append(chars.charAt(random.nextInt(chars.length())));
        }
        // a personal number in the optional data, as most passports have: OCR miscounts a long run of fillers
        return new MrzFixtures.Person("P", "USA", surname, givenNames, number.substring(0, 9), "USA",
                birth == null ? "<<<<<<" : birth.format(YYMMDD), sex, LocalDate.now().plusYears(5).format(YYMMDD),
                number.substring(9));
    }

    /**
     * The passport's data page: printed fields, the TD3 MRZ in OCR-B and {@code portrait} in the portrait area. A
     * birth date of {@code <<<<<<} (unknown, as ICAO 9303 allows) is not printed.
     */
    static byte[] passport(MrzFixtures.Person p, byte[] portrait) {
        List<String[]> fields = p.birth().chars().allMatch(Character::isDigit) ? Photos.printedFields(p)
                : Photos.printedFields(new MrzFixtures.Person(p.documentCode(), p.issuer(), p.surname(), p.givenNames(),
                        p.number(), p.nationality(), "010101", p.sex(), p.expiry(), p.optional())).stream()
                        .filter(f -> !f[0].startsWith("Date of birth")).toList();
        BufferedImage page = Photos.dataPage(MrzFixtures.lines(MrzFormat.TD3, p), fields);
        // Photos.dataPage's portrait area for a TD3 page (1400×980, two MRZ lines): x 50, y 90, 350 × 686
        Graphics2D g = page.createGraphics();
        fill(g, image(portrait), 50, 90, 350, 686);
        g.dispose();
        return Photos.jpeg(page, 0.92f);
    }

    private static void fill(Graphics2D g, BufferedImage photo, int x, int y, int w, int h) {
        double scale = Math.max((double) w / photo.getWidth(), (double) h / photo.getHeight());
        int sw = (int) Math.round(w / scale);
        int sh = (int) Math.round(h / scale);
        int sx = (photo.getWidth() - sw) / 2;
        int sy = (photo.getHeight() - sh) / 2;
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, x, y, x + w, y + h, sx, sy, sx + sw, sy + sh, null);
    }

    private static int[] ymd(LocalDate d) {
        return new int[] {d.getYear(), d.getMonthValue(), d.getDayOfMonth()};
    }

    private static BufferedImage image(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

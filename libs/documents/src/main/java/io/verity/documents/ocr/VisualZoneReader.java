package io.verity.documents.ocr;

import io.verity.documents.DocumentFields;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the printed (visual inspection) zone from OCR lines: a field's value is what follows its label on the same
 * line ({@code DOB 08/31/1977}, {@code Surname: DOE}) or the line just below it, left-aligned with it (passports print
 * {@code Surname / Nom} above {@code ERIKSSON}). Labels are those of ICAO 9303 passports and cards (English, French,
 * Spanish captions) and of AAMVA licences ({@code LN}, {@code FN}, {@code DOB}, {@code EXP}, {@code DL}). Dates are
 * read in the usual printed forms ({@code 12 AUG 1974}, {@code 12.08.1974}, {@code 08/12/1974} — month first on US
 * documents — and {@code 1974-08-12}). MRZ lines are skipped.
 */
public final class VisualZoneReader {

    private enum Key { LAST, FIRST, NAME, NUMBER, BIRTH, EXPIRY, ISSUED, ADDRESS }

    private static final Map<Key, Pattern> LABELS = Map.of(
            Key.LAST, label("surname|last name|family name|nom|apellidos|ln|1"),
            Key.FIRST, label("given names?|first name|forenames?|pr[ée]noms?|nombres|fn|2"),
            Key.NAME, label("name"),
            Key.NUMBER, label("passport no\\.?|passport number|document no\\.?|document number|card no\\.?|no\\. du passeport|"
                    + "dl|dln|lic(?:ense)? ?(?:no\\.?|#)|id ?(?:no\\.?|#)|4d"),
            Key.BIRTH, label("date of birth|birth date|dob|date de naissance|fecha de nacimiento|3"),
            Key.EXPIRY, label("date of expiry|expiry date|expiry|expires|exp|date d'expiration|4b"),
            Key.ISSUED, label("date of issue|issue date|issued|iss|date de d[ée]livrance|4a"),
            Key.ADDRESS, label("address|addr|adresse|domicilio|8"));

    private static final Pattern MONTHS = Pattern.compile(
            "(\\d{1,2})[ .-]*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[ .-/]*(\\d{4}|\\d{2})");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(\\d{1,4})[./-](\\d{1,2})[./-](\\d{2,4})");
    private static final List<String> MONTH_NAMES = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");

    private VisualZoneReader() {
    }

    private static Pattern label(String alternatives) {
        // The label at the start of the line, optionally bilingual ("Surname / Nom"), then a separator and maybe the value.
        return Pattern.compile("^\\s*(?:\\d{1,2}[a-d]?\\.?\\s*)?(?:" + alternatives + ")(?:\\s*/\\s*[^:]*?)?\\s*[:.]?(?:\\s+|$)(.*)$",
                Pattern.CASE_INSENSITIVE);
    }

    public static DocumentFields read(List<TextLine> lines) {
        boolean monthFirst = lines.stream().anyMatch(l -> l.text().toUpperCase(Locale.ROOT).contains("USA")
                || l.text().toUpperCase(Locale.ROOT).contains("DRIVER"));
        String last = value(lines, Key.LAST, VisualZoneReader::isName);
        String first = value(lines, Key.FIRST, VisualZoneReader::isName);
        if (last == null && first == null) {
            String name = value(lines, Key.NAME, VisualZoneReader::isName);
            if (name != null) {
                String[] parts = name.contains(",") ? name.split("\\s*,\\s*", 2) : null;
                if (parts != null) {
                    last = parts[0];
                    first = parts[1];
                } else {
                    int space = name.lastIndexOf(' ');
                    first = space < 0 ? null : name.substring(0, space);
                    last = space < 0 ? name : name.substring(space + 1);
                }
            }
        }
        String middle = null;
        if (first != null && first.contains(" ")) {
            middle = first.substring(first.indexOf(' ') + 1);
            first = first.substring(0, first.indexOf(' '));
        }
        String number = value(lines, Key.NUMBER, v -> v.replaceAll("[^A-Za-z0-9]", "").length() >= 5
                && v.chars().anyMatch(Character::isDigit));
        if (number != null) {
            number = number.split("\\s+")[0].replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        }
        String address = value(lines, Key.ADDRESS, v -> v.chars().anyMatch(Character::isLetter));
        return new DocumentFields(DocumentFields.Source.VISUAL_ZONE, number, null, null,
                date(value(lines, Key.ISSUED, v -> date(v, monthFirst) != null), monthFirst),
                date(value(lines, Key.EXPIRY, v -> date(v, monthFirst) != null), monthFirst),
                upper(first), upper(middle), upper(last), null,
                date(value(lines, Key.BIRTH, v -> date(v, monthFirst) != null), monthFirst),
                null, address, null, null, null, null, null, null, null, null, null);
    }

    /** The value of a field: after its label on the line, else on the next line below and close to the label. */
    private static String value(List<TextLine> lines, Key key, Predicate<String> accept) {
        for (int i = 0; i < lines.size(); i++) {
            TextLine line = lines.get(i);
            if (isMrz(line)) {
                continue;
            }
            Matcher m = LABELS.get(key).matcher(line.text());
            if (!m.matches()) {
                continue;
            }
            String inline = m.group(1).trim();
            if (!inline.isEmpty() && accept.test(inline)) {
                return inline;
            }
            TextBox labelBox = line.box();
            for (int j = i + 1; j < lines.size(); j++) {
                TextBox box = lines.get(j).box();
                if (box.top() > labelBox.bottom() + 2.5 * labelBox.height()) {
                    break;
                }
                boolean below = box.cy() > labelBox.cy() + labelBox.height() * 0.5;
                boolean aligned = Math.abs(box.left() - labelBox.left()) < 2 * labelBox.height();
                String text = lines.get(j).text().trim();
                if (below && aligned && !isMrz(lines.get(j)) && accept.test(text) && !isAnyLabel(text)) {
                    return text;
                }
            }
        }
        return null;
    }

    private static boolean isAnyLabel(String text) {
        return LABELS.values().stream().anyMatch(p -> p.matcher(text).matches() && p.matcher(text).replaceFirst("$1").isBlank());
    }

    private static boolean isMrz(TextLine line) {
        return line.text().chars().filter(c -> c == '<' || c == '«' || c == 'く').count() >= 2;
    }

    private static boolean isName(String v) {
        return v.chars().filter(Character::isLetter).count() >= 2 && v.chars().noneMatch(Character::isDigit);
    }

    private static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    static LocalDate date(String text, boolean monthFirst) {
        if (text == null) {
            return null;
        }
        String t = text.toUpperCase(Locale.ROOT);
        Matcher m = MONTHS.matcher(t);
        if (m.find()) {
            return of(year(m.group(3)), MONTH_NAMES.indexOf(m.group(2)) + 1, Integer.parseInt(m.group(1)));
        }
        m = NUMERIC_DATE.matcher(t);
        if (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            if (m.group(1).length() == 4) {
                return of(a, b, Integer.parseInt(m.group(3)));
            }
            int year = year(m.group(3));
            LocalDate date = monthFirst ? of(year, a, b) : of(year, b, a);
            return date != null ? date : monthFirst ? of(year, b, a) : of(year, a, b);
        }
        return null;
    }

    private static int year(String y) {
        if (y.length() == 4) {
            return Integer.parseInt(y);
        }
        int yy = Integer.parseInt(y);
        int now = LocalDate.now().getYear() % 100;
        return yy > now + 20 ? 1900 + yy : 2000 + yy;
    }

    private static LocalDate of(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

}

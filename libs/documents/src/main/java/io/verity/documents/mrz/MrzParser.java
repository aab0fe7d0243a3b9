package io.verity.documents.mrz;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentReading.CheckDigit;
import io.verity.documents.mrz.MrzLayout.Check;
import io.verity.documents.mrz.MrzLayout.Field;
import io.verity.documents.mrz.MrzLayout.Kind;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Repairs and parses MRZ lines as OCR read them, by the rules of ICAO 9303:
 * <ol>
 * <li>look-alike characters become MRZ characters ({@code «} → {@code <}), and a line one or two characters too long
 *     or short is fitted by changing its longest filler run (OCR miscounts runs of {@code <});</li>
 * <li>each position gets its character class: digits where the format has dates and check digits ({@code O} → 0,
 *     {@code I} → 1, {@code S} → 5, {@code B} → 8 …), letters in codes and names (the reverse);</li>
 * <li>in a name, everything after the first run of three fillers is filler (OCR reads {@code <<<<} as {@code <K<<});</li>
 * <li>alphanumeric fields protected by a check digit (document number, personal number) read an {@code O} as 0 or an
 *     {@code I} as 1 where that, with the fewest changes, makes the check digit right. Only these two: issuers avoid
 *     O and I in numbers, and a wider choice (S/5, B/8 …) would turn a wrong check digit into a right one too often,
 *     hiding a forged number.</li>
 * </ol>
 * Every check digit is then reported with what was printed and what the data gives.
 */
public final class MrzParser {

    /** The letter OCR confuses with each digit, by digit; a space where there is none. */
    private static final String LETTER_TWINS = "OIZ ASG B ";
    private static final int MAX_AMBIGUOUS = 10;

    private MrzParser() {
    }

    /** Parses lines as OCR gave them (2 or 3 lines); empty when they are not an MRZ of a known format. */
    public static Optional<Mrz> parse(List<String> rawLines) {
        if (rawLines.size() < 2 || rawLines.size() > 3) {
            return Optional.empty();
        }
        List<String> cleaned = rawLines.stream().map(MrzParser::clean).toList();
        int length = rawLines.size() == 3 ? 30 : nearestLength(cleaned);
        List<String> repairs = new ArrayList<>();
        List<String> fitted = new ArrayList<>();
        for (int i = 0; i < cleaned.size(); i++) {
            String line = cleaned.get(i);
            if (Math.abs(line.length() - length) > 3) {
                return Optional.empty();
            }
            String fit = fit(line, length);
            if (!fit.equals(line)) {
                repairs.add("line " + (i + 1) + ": " + line.length() + " characters read, fitted to " + length);
            }
            fitted.add(fit);
        }
        char first = fitted.get(0).charAt(0);
        MrzFormat format = MrzFormat.of(fitted.size(), length, first);
        if (format == null) {
            return Optional.empty();
        }
        return Optional.of(parseFitted(format, fitted, repairs));
    }

    /** Parses lines already of the format's size (generated MRZs, or lines OCR read whole). */
    public static Mrz parseFitted(MrzFormat format, List<String> fittedLines, List<String> repairs) {
        MrzLayout layout = MrzLayout.of(format);
        char[][] chars = fittedLines.stream().map(String::toCharArray).toArray(char[][]::new);
        for (Field field : layout.fields) {
            classify(chars, field, repairs);
        }
        repairName(chars, layout.field("name"), repairs);
        for (Check check : layout.checks) {
            chooseByCheckDigit(chars, check, repairs);
        }
        List<String> lines = Arrays.stream(chars).map(String::new).toList();
        return build(format, layout, lines, List.copyOf(repairs));
    }

    private static Mrz build(MrzFormat format, MrzLayout layout, List<String> lines, List<String> repairs) {
        List<CheckDigit> checks = new ArrayList<>();
        for (Check check : layout.checks) {
            StringBuilder data = new StringBuilder();
            check.over().forEach(f -> data.append(f.of(lines)));
            char printed = lines.get(check.line()).charAt(check.position());
            if (printed == '<' && data.chars().allMatch(c -> c == '<')) {
                printed = '0'; // an empty optional field may have a filler for its check digit
            }
            checks.add(new CheckDigit(check.name(), printed, CheckDigits.compute(data)));
        }
        String number = strip(layout.field("document_number").of(lines));
        if (format == MrzFormat.TD1 && lines.get(0).charAt(14) == '<' && lines.get(0).charAt(15) != '<') {
            // A number longer than 9: it goes on in the optional data, whose last character before the filler is the check digit.
            String rest = strip(lines.get(0).substring(15, 30));
            if (!rest.isEmpty()) {
                String fullNumber = number + rest.substring(0, rest.length() - 1);
                checks.set(0, new CheckDigit("document_number", rest.charAt(rest.length() - 1),
                        CheckDigits.compute(lines.get(0).substring(5, 14) + rest.substring(0, rest.length() - 1))));
                number = fullNumber;
            }
        }
        String[] names = names(layout.field("name").of(lines));
        String[] given = names[1].isEmpty() ? new String[0] : names[1].split(" ", 2);
        LocalDate today = LocalDate.now();
        LocalDate birth = date(layout.field("birth_date").of(lines), today, true);
        LocalDate expiry = date(layout.field("expiry_date").of(lines), today, false);
        String sex = layout.field("sex").of(lines);
        String issuer = strip(layout.field("issuing_state").of(lines));
        DocumentFields fields = new DocumentFields(DocumentFields.Source.MRZ, number, issuer, null, null, expiry,
                given.length > 0 ? given[0] : null, given.length > 1 ? given[1] : null, blankToNull(names[0]), null, birth,
                switch (sex) {
                    case "M" -> "male";
                    case "F" -> "female";
                    default -> "unknown";
                },
                null, null, null, null, null, null, null, null, null, null);
        String optional = format == MrzFormat.TD1
                ? strip(layout.field("optional_data_2").of(lines))
                : strip(layout.field("optional_data").of(lines));
        return new Mrz(format, lines, fields, strip(layout.field("document_code").of(lines)),
                strip(layout.field("nationality").of(lines)), optional, List.copyOf(checks), repairs);
    }

    /** Upper case, look-alikes of the filler, nothing but A–Z, 0–9 and {@code <}. */
    static String clean(String raw) {
        StringBuilder out = new StringBuilder();
        for (char c : raw.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<') {
                out.append(c);
            } else if ("«‹〈く＜(".indexOf(c) >= 0) {
                out.append('<');
            }
        }
        return out.toString();
    }

    private static int nearestLength(List<String> lines) {
        double mean = lines.stream().mapToInt(String::length).average().orElse(0);
        return Math.abs(mean - 36) < Math.abs(mean - 44) ? 36 : 44;
    }

    /** Fits a line to its length by growing or shrinking its longest filler run (else its end). */
    static String fit(String line, int length) {
        StringBuilder s = new StringBuilder(line);
        while (s.length() != length) {
            int[] run = longestFillerRun(s);
            if (s.length() < length) {
                s.insert(run == null ? s.length() : run[0], '<');
            } else if (run != null) {
                s.deleteCharAt(run[0]);
            } else {
                s.setLength(length);
            }
        }
        return s.toString();
    }

    private static int[] longestFillerRun(CharSequence s) {
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < s.length(); ) {
            if (s.charAt(i) != '<') {
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && s.charAt(j) == '<') {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        return bestStart < 0 ? null : new int[] {bestStart, bestLength};
    }

    private static void classify(char[][] chars, Field field, List<String> repairs) {
        if (field.kind() == Kind.ALNUM) {
            return;
        }
        char[] line = chars[field.line()];
        for (int i = field.start(); i < field.end(); i++) {
            char c = line[i];
            char fixed = field.kind() == Kind.NUMERIC ? asDigit(c) : asLetter(c);
            if (fixed != c) {
                line[i] = fixed;
                repairs.add(field.name() + ": '" + c + "' read as '" + fixed + "' (" + field.kind().name().toLowerCase() + " position)");
            }
        }
    }

    private static char asDigit(char c) {
        return switch (c) {
            case 'O', 'Q', 'D', 'U' -> '0';
            case 'I', 'L', 'J' -> '1';
            case 'Z' -> '2';
            case 'A' -> '4';
            case 'S' -> '5';
            case 'G' -> '6';
            case 'T' -> '7';
            case 'B' -> '8';
            default -> c;
        };
    }

    private static char asLetter(char c) {
        char twin = twin(c);
        return c >= '0' && c <= '9' && twin != 0 ? twin : c;
    }

    /** The letter twin of a digit or the digit twin of a letter (O/0, I/1, Z/2, A/4, S/5, G/6, B/8), else 0. */
    private static char twin(char c) {
        if (c >= '0' && c <= '9') {
            char letter = LETTER_TWINS.charAt(c - '0');
            return letter == ' ' ? 0 : letter;
        }
        int digit = c == ' ' ? -1 : LETTER_TWINS.indexOf(c);
        return digit >= 0 ? (char) ('0' + digit) : 0;
    }

    /** In a name, the first run of three fillers ends it: the rest is filler, whatever OCR saw in it. */
    private static void repairName(char[][] chars, Field name, List<String> repairs) {
        char[] line = chars[name.line()];
        String text = new String(line, name.start(), name.end() - name.start());
        int end = text.indexOf("<<<");
        if (end <= 0) {
            return;
        }
        for (int i = name.start() + end; i < name.end(); i++) {
            if (line[i] != '<') {
                repairs.add("name: '" + line[i] + "' in the filler read as '<'");
                line[i] = '<';
            }
        }
    }

    /** For a check over alphanumeric fields: the letter/digit reading of ambiguous characters that satisfies it. */
    private static void chooseByCheckDigit(char[][] chars, Check check, List<String> repairs) {
        List<int[]> ambiguous = new ArrayList<>();
        for (Field f : check.over()) {
            if (f.kind() != Kind.ALNUM || f.name().equals("upper") || f.name().equals("tail") || f.name().equals("number")) {
                continue; // composite checks only judge; the fields' own checks choose
            }
            for (int i = f.start(); i < f.end(); i++) {
                char c = chars[f.line()][i];
                if (c == 'O' || c == 'I') {
                    ambiguous.add(new int[] {f.line(), i});
                }
            }
        }
        if (ambiguous.isEmpty() || valid(chars, check) || ambiguous.size() > MAX_AMBIGUOUS) {
            return;
        }
        int best = -1;
        int bestChanges = Integer.MAX_VALUE;
        for (int mask = 1; mask < (1 << ambiguous.size()); mask++) {
            int changes = Integer.bitCount(mask);
            if (changes >= bestChanges) {
                continue;
            }
            flip(chars, ambiguous, mask);
            if (valid(chars, check)) {
                best = mask;
                bestChanges = changes;
            }
            flip(chars, ambiguous, mask);
        }
        if (best > 0) {
            for (int k = 0; k < ambiguous.size(); k++) {
                if ((best & (1 << k)) != 0) {
                    int[] at = ambiguous.get(k);
                    char was = chars[at[0]][at[1]];
                    repairs.add(check.name() + ": '" + was + "' read as '" + twin(was) + "' (check digit)");
                }
            }
            flip(chars, ambiguous, best);
        }
    }

    private static void flip(char[][] chars, List<int[]> positions, int mask) {
        for (int k = 0; k < positions.size(); k++) {
            if ((mask & (1 << k)) != 0) {
                int[] at = positions.get(k);
                chars[at[0]][at[1]] = twin(chars[at[0]][at[1]]);
            }
        }
    }

    private static boolean valid(char[][] chars, Check check) {
        StringBuilder data = new StringBuilder();
        for (Field f : check.over()) {
            data.append(chars[f.line()], f.start(), f.end() - f.start());
        }
        char printed = chars[check.line()][check.position()];
        return CheckDigits.compute(data) == (printed == '<' ? '0' : printed);
    }

    /** Surname and given names: {@code SURNAME<<GIVEN<NAMES}. */
    private static String[] names(String field) {
        String trimmed = field.replaceAll("<+$", "");
        int split = trimmed.indexOf("<<");
        String surname = split < 0 ? trimmed : trimmed.substring(0, split);
        String given = split < 0 ? "" : trimmed.substring(split + 2);
        return new String[] {surname.replace('<', ' ').trim(), given.replace('<', ' ').trim().replaceAll(" +", " ")};
    }

    /** YYMMDD: a birth date is never in the future; an expiry date is within 50 years of today. */
    static LocalDate date(String yymmdd, LocalDate today, boolean birth) {
        if (!yymmdd.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int century = today.getYear() / 100 * 100;
        int year = century + yy;
        if (birth && year > today.getYear()) {
            year -= 100;
        } else if (!birth && year > today.getYear() + 50) {
            year -= 100;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(yymmdd.substring(2, 4)), Integer.parseInt(yymmdd.substring(4, 6)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String strip(String s) {
        return s.replace('<', ' ').trim().replaceAll(" +", " ");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

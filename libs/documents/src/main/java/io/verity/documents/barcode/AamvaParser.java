package io.verity.documents.barcode;

import io.verity.documents.DocumentFields;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the AAMVA DL/ID card design standard's PDF417 payload, versions 1 to 10 (and the pre-standard
 * {@code AAMVA} header): the header with its subfile designators, each subfile's elements, and the fields the spec
 * reports. Version differences handled:
 * <ul>
 * <li>names: {@code DAA} (whole name, v1), {@code DAB/DAC/DAD} (v1), {@code DCS} + {@code DCT} (given names, v2–3),
 *     {@code DCS/DAC/DAD} (v4+); suffix {@code DAE} (v1) or {@code DCU}; truncation flags {@code DDE/DDF/DDG} (v4+);</li>
 * <li>dates: {@code CCYYMMDD} in v1 and for Canada, {@code MMDDCCYY} for the USA from v2 on; a date that is invalid
 *     in the expected order is read in the other;</li>
 * <li>height: {@code DAU} as {@code 070 IN} / {@code 178 CM} (v2+), or feet and inches (v1 {@code 509}, with
 *     {@code DAV} in cm); weight {@code DAW} (lb) or {@code DAX} (kg);</li>
 * <li>sex: {@code 1}/{@code 2}/{@code 9} or {@code M}/{@code F}.</li>
 * </ul>
 * The payload's bytes are limited to {@link #MAX_LENGTH}; a payload that is not AAMVA gives an empty result.
 */
public final class AamvaParser {

    public static final int MAX_LENGTH = 4096;

    private static final Pattern HEADER = Pattern.compile("(ANSI ?|AAMVA)(\\d{6})(\\d{2})(\\d{2})?(\\d{2})?");
    private static final Pattern ELEMENT_ID = Pattern.compile("[A-Z]{3}");

    private AamvaParser() {
    }

    public static Optional<Aamva> parse(String payload) {
        if (payload == null || payload.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher header = HEADER.matcher(payload);
        if (!header.find() || header.start() > 10) {
            return Optional.empty();
        }
        String iin = header.group(2);
        int version = header.group(1).startsWith("AAMVA") ? 0 : Integer.parseInt(header.group(3));
        int jurisdictionVersion = 0;
        int entries;
        int designatorsAt;
        if (version >= 2) {
            if (header.group(4) == null || header.group(5) == null) {
                return Optional.empty();
            }
            jurisdictionVersion = Integer.parseInt(header.group(4));
            entries = Integer.parseInt(header.group(5));
            designatorsAt = header.end(5);
        } else {
            if (header.group(4) == null) {
                return Optional.empty();
            }
            entries = Integer.parseInt(header.group(4));
            designatorsAt = header.end(4);
        }
        List<String> warnings = new ArrayList<>();
        Map<String, Map<String, String>> subfiles = new LinkedHashMap<>();
        for (int i = 0; i < entries && designatorsAt + 10 * (i + 1) <= payload.length(); i++) {
            String designator = payload.substring(designatorsAt + 10 * i, designatorsAt + 10 * (i + 1));
            String type = designator.substring(0, 2);
            if (!type.chars().allMatch(Character::isLetterOrDigit)) {
                warnings.add("subfile designator " + (i + 1) + " is not readable");
                break;
            }
            int offset = parseInt(designator.substring(2, 6));
            int start = offset >= 0 && offset + 2 <= payload.length() && payload.startsWith(type, offset)
                    ? offset
                    : findSubfile(payload, type, designatorsAt + 10 * entries);
            if (start < 0) {
                warnings.add("subfile " + type + " not found at its offset " + offset);
                continue;
            }
            subfiles.put(type, elements(payload, start + 2));
        }
        if (subfiles.isEmpty()) {
            // Some issuers' designators are wrong: take the first DL or ID subfile after the header.
            for (String type : List.of("DL", "ID")) {
                int start = findSubfile(payload, type, designatorsAt);
                if (start >= 0) {
                    subfiles.put(type, elements(payload, start + 2));
                    break;
                }
            }
        }
        if (subfiles.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> all = new LinkedHashMap<>();
        subfiles.values().forEach(s -> s.forEach(all::putIfAbsent));
        Map<String, String> truncation = new LinkedHashMap<>();
        putIfPresent(truncation, "family", all.get("DDE"));
        putIfPresent(truncation, "first", all.get("DDF"));
        putIfPresent(truncation, "middle", all.get("DDG"));
        return Optional.of(new Aamva(version, jurisdictionVersion, iin, subfiles, fields(version, all, warnings),
                truncation, List.copyOf(warnings)));
    }

    private static int findSubfile(String payload, String type, int from) {
        int at = from;
        while ((at = payload.indexOf(type, at)) >= 0) {
            if (at + 5 <= payload.length() && ELEMENT_ID.matcher(payload.substring(at + 2, at + 5)).matches()) {
                return at;
            }
            at++;
        }
        return -1;
    }

    /** Elements from {@code start}: three-letter id and value, separated by LF (or CR), up to the subfile's CR. */
    private static Map<String, String> elements(String payload, int start) {
        Map<String, String> elements = new LinkedHashMap<>();
        int end = payload.indexOf('\r', start);
        String body = payload.substring(start, end < 0 ? payload.length() : end);
        for (String element : body.split("[\n\u001e]")) {
            if (element.length() >= 3 && ELEMENT_ID.matcher(element.substring(0, 3)).matches()) {
                elements.putIfAbsent(element.substring(0, 3), element.substring(3).trim());
            }
        }
        return elements;
    }

    private static DocumentFields fields(int version, Map<String, String> e, List<String> warnings) {
        String country = blankToNull(e.get("DCG"));
        boolean canada = "CAN".equals(country);
        boolean yearFirst = version <= 1 || canada;

        String last = e.get("DCS");
        String first = e.get("DAC");
        String middle = e.get("DAD");
        if (last == null) {
            last = e.get("DAB");
        }
        String given = e.get("DCT");
        if (first == null && given != null) {
            String[] parts = given.split("[, ]+", 2);
            first = parts[0];
            middle = middle != null ? middle : parts.length > 1 ? parts[1] : null;
        }
        String whole = e.get("DAA");
        if (last == null && whole != null) {
            String[] parts = whole.contains(",") ? whole.split(",", -1) : whole.split(" +");
            last = parts[0];
            first = first != null ? first : parts.length > 1 ? parts[1] : null;
            middle = middle != null ? middle : parts.length > 2 ? String.join(" ", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : null;
        }
        String suffix = e.get("DCU") != null ? e.get("DCU") : e.get("DAE");
        return new DocumentFields(DocumentFields.Source.BARCODE,
                blankToNull(e.get("DAQ")),
                country != null ? country : "USA",
                blankToNull(e.get("DAJ")),
                date(e.get("DBD"), yearFirst, "DBD", warnings),
                date(e.get("DBA"), yearFirst, "DBA", warnings),
                name(first), name(middle), name(last), name(suffix),
                date(e.get("DBB"), yearFirst, "DBB", warnings),
                sex(e.get("DBC")),
                blankToNull(e.get("DAG")),
                blankToNull(e.get("DAI")),
                blankToNull(e.get("DAJ")),
                postalCode(e.get("DAK")),
                height(e.get("DAU"), e.get("DAV")),
                weight(e.get("DAW"), e.get("DAX")),
                blankToNull(e.get("DAY")),
                blankToNull(e.get("DAZ")),
                blankToNull(e.get("DCA") != null ? e.get("DCA") : e.get("DAR")),
                blankToNull(e.get("DCB") != null ? e.get("DCB") : e.get("DAS")));
    }

    /** A date in the expected order, else the other; null (with a warning) when neither is a date. */
    static LocalDate date(String value, boolean yearFirst, String id, List<String> warnings) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() != 8) {
            warnings.add(id + " is not a date: " + digits.length() + " digits");
            return null;
        }
        LocalDate date = yearFirst ? yearFirst(digits) : monthFirst(digits);
        if (date == null) {
            date = yearFirst ? monthFirst(digits) : yearFirst(digits);
        }
        if (date == null) {
            warnings.add(id + " is not a date in either order");
        }
        return date;
    }

    private static LocalDate yearFirst(String d) {
        return of(d.substring(0, 4), d.substring(4, 6), d.substring(6, 8));
    }

    private static LocalDate monthFirst(String d) {
        return of(d.substring(4, 8), d.substring(0, 2), d.substring(2, 4));
    }

    private static LocalDate of(String year, String month, String day) {
        int y = Integer.parseInt(year);
        if (y < 1800 || y > 2200) {
            return null;
        }
        try {
            return LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String sex(String value) {
        if (value == null) {
            return "unknown";
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "1", "M" -> "male";
            case "2", "F" -> "female";
            default -> "unknown";
        };
    }

    /** {@code 070 IN} → {@code 70 in}; {@code 178 CM} → {@code 178 cm}; v1 feet and inches {@code 509} or {@code 5-09} → {@code 69 in}. */
    static String height(String dau, String dav) {
        if (dau != null && !dau.isBlank()) {
            String v = dau.trim().toUpperCase(Locale.ROOT);
            Matcher unit = Pattern.compile("(\\d+)\\s*(IN|CM)").matcher(v);
            if (unit.matches()) {
                return Integer.parseInt(unit.group(1)) + " " + unit.group(2).toLowerCase(Locale.ROOT);
            }
            Matcher feet = Pattern.compile("(\\d)[-' ]?(\\d{1,2})\"?").matcher(v);
            if (feet.matches()) {
                return (Integer.parseInt(feet.group(1)) * 12 + Integer.parseInt(feet.group(2))) + " in";
            }
        }
        if (dav != null && dav.trim().matches("\\d+(\\s*CM)?")) {
            return Integer.parseInt(dav.trim().replaceAll("\\D", "")) + " cm";
        }
        return null;
    }

    /** {@code DAW} pounds → {@code 180 lb}; else {@code DAX} kilograms → {@code 82 kg}. */
    static String weight(String daw, String dax) {
        if (daw != null && daw.trim().matches("\\d+(\\s*LBS?)?")) {
            return Integer.parseInt(daw.trim().replaceAll("\\D", "")) + " lb";
        }
        if (dax != null && dax.trim().matches("\\d+(\\s*KG)?")) {
            return Integer.parseInt(dax.trim().replaceAll("\\D", "")) + " kg";
        }
        return null;
    }

    /** US ZIP codes are printed as 9 digits padded with zeros; the ZIP+4 is kept only when it is not {@code 0000}. */
    static String postalCode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d{9}")) {
            return v.endsWith("0000") ? v.substring(0, 5) : v.substring(0, 5) + "-" + v.substring(5);
        }
        return v;
    }

    private static String name(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return v.isEmpty() || v.equalsIgnoreCase("NONE") || v.equalsIgnoreCase("unavl") ? null : v;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.trim());
        }
    }
}

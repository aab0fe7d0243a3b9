package io.verity.documents.sanctions;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The OFAC SDN list in its legacy CSV format: {@code sdn.csv} (ent_num, name, type, programs, title, call sign,
 * vessel fields, remarks), {@code alt.csv} (ent_num, alt_num, type, name, remarks) and {@code add.csv} (ent_num,
 * add_num, address, city/state/postal code, country, remarks). {@code -0-} marks an empty field.
 */
public final class SdnList {

    /** The most entries a list may hold: the real list has about 12,000; anything far above is not the SDN list. */
    public static final int MAX_ENTRIES = 100_000;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true).get();
    private static final Pattern DOB = Pattern.compile(
            "DOB\\s+(?:circa\\s+)?(?:(\\d{1,2})\\s+)?(?:([A-Z][a-z]{2})\\s+)?(\\d{4})(?:\\s+to\\s+(?:\\d{1,2}\\s+)?(?:[A-Z][a-z]{2}\\s+)?(\\d{4}))?");
    private static final Map<String, Integer> MONTHS = new HashMap<>();

    static {
        for (Month m : Month.values()) {
            MONTHS.put(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH), m.getValue());
        }
    }

    private final List<SdnEntry> entries;

    private SdnList(List<SdnEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<SdnEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /**
     * Parses the three files. {@code alt} and {@code add} may be null (no aliases, no addresses).
     *
     * @throws IllegalArgumentException when the main file holds no entry or too many, or a row is malformed
     */
    public static SdnList parse(Reader sdn, Reader alt, Reader add) {
        Map<Integer, List<String>> aliases = alt == null ? Map.of() : column(alt, 3);
        Map<Integer, List<String>> addresses = add == null ? Map.of() : addresses(add);
        Map<Integer, SdnEntry> entries = new LinkedHashMap<>();
        try {
            for (CSVRecord r : FORMAT.parse(sdn)) {
                if (r.size() < 4 || !isNumber(r.get(0))) {
                    continue; // the trailing EOF marker (0x1A) some copies carry
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw new IllegalArgumentException("the list has more than " + MAX_ENTRIES + " entries");
                }
                int id = Integer.parseInt(r.get(0));
                String remarks = r.size() > 11 ? value(r.get(11)) : null;
                entries.put(id, new SdnEntry(id, value(r.get(1)), value(r.get(2)), value(r.get(3)),
                        aliases.getOrDefault(id, List.of()), addresses.getOrDefault(id, List.of()), birthDates(remarks),
                        remarks));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("the SDN file is not valid CSV", e);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the SDN file holds no entry");
        }
        return new SdnList(new ArrayList<>(entries.values()));
    }

    /** The dates of birth in a remarks column: "DOB 12 Mar 1960", "DOB Mar 1960", "DOB circa 1960", "DOB 1955 to 1958". */
    static List<BirthDate> birthDates(String remarks) {
        if (remarks == null) {
            return List.of();
        }
        List<BirthDate> dates = new ArrayList<>();
        Matcher m = DOB.matcher(remarks);
        while (m.find()) {
            Integer day = m.group(1) == null ? null : Integer.valueOf(m.group(1));
            Integer month = m.group(2) == null ? null : MONTHS.get(m.group(2));
            int year = Integer.parseInt(m.group(3));
            if (m.group(4) != null) {
                int to = Integer.parseInt(m.group(4));
                for (int y = year; y <= to && y - year <= 20; y++) {
                    dates.add(new BirthDate(y, null, null));
                }
            } else {
                dates.add(new BirthDate(year, month, month == null ? null : day));
            }
        }
        return List.copyOf(dates);
    }

    private static Map<Integer, List<String>> column(Reader reader, int index) {
        Map<Integer, List<String>> values = new HashMap<>();
        try {
            for (CSVRecord r : FORMAT.parse(reader)) {
                if (r.size() > index && isNumber(r.get(0)) && value(r.get(index)) != null) {
                    values.computeIfAbsent(Integer.parseInt(r.get(0)), k -> new ArrayList<>()).add(value(r.get(index)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("the alias file is not valid CSV", e);
        }
        return values;
    }

    private static Map<Integer, List<String>> addresses(Reader reader) {
        Map<Integer, List<String>> values = new HashMap<>();
        try {
            for (CSVRecord r : FORMAT.parse(reader)) {
                if (r.size() < 5 || !isNumber(r.get(0))) {
                    continue;
                }
                List<String> parts = new ArrayList<>();
                for (int i = 2; i <= 4; i++) {
                    if (value(r.get(i)) != null) {
                        parts.add(value(r.get(i)));
                    }
                }
                if (!parts.isEmpty()) {
                    values.computeIfAbsent(Integer.parseInt(r.get(0)), k -> new ArrayList<>()).add(String.join(", ", parts));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("the address file is not valid CSV", e);
        }
        return values;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private static String value(String s) {
        String v = s == null ? null : s.strip();
        return v == null || v.isEmpty() || "-0-".equals(v) ? null : v;
    }
}

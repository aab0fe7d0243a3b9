package io.verity.documents.dmv;

import io.verity.documents.DocumentFields;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A local stand-in for AAMVA's DLDV test environment: the {@code aamva_test_scenario} setting names one of AAMVA's
 * structured test records (the records a jurisdiction's test system holds under the document numbers
 * {@code DLDVSTRUCTUREDTEST11}, {@code …12} and {@code …22}, as public integration suites against that environment
 * use them), and the document's fields are compared with that record field by field, as the live service does.
 * Nothing leaves the machine. An unknown scenario is refused.
 */
public final class AamvaSimulator implements DmvConnector {

    /** One DMV record. Null fields are not held by the record (the answer is then null: not compared). */
    public record Record(String number, String category, LocalDate issued, LocalDate expires, String first, String middle,
            String last, String suffix, LocalDate birth, String sex, String eyes, String height, String weight,
            String street, String city, String state, String postalCode) {
    }

    public static final Map<String, Record> SCENARIOS = Map.of(
            "DLDVSTRUCTUREDTEST11", new Record("DLDVSTRUCTUREDTEST11", null, null, null, "STEVEN", null, "BROWN", null,
                    LocalDate.of(1980, 1, 1), null, null, null, null, null, null, null, null),
            "DLDVSTRUCTUREDTEST12", new Record("DLDVSTRUCTUREDTEST12", "DL", LocalDate.of(2011, 10, 10),
                    LocalDate.of(2023, 10, 10), "STEVEN", "DANIEL", "BROWN", "JR", LocalDate.of(1980, 1, 1), "M", "BRO",
                    "510", "200", "4301 WILSON BLVD", "ARLINGTON", "VA", "22203"),
            "DLDVSTRUCTUREDTEST22", new Record("DLDVSTRUCTUREDTEST22", "DL", LocalDate.of(2011, 10, 10), null, "BROWN",
                    null, "KATTY", null, LocalDate.of(1982, 12, 23), "M", "BRO", "510", "200", "123 GREEN RD", "ASHBURN",
                    "VA", "20148"));

    @Override
    public DmvResult verify(DocumentFields f, String documentType, String scenario) {
        Record r = scenario == null ? null : SCENARIOS.get(scenario.strip().toUpperCase(Locale.ROOT));
        if (r == null) {
            throw new IllegalArgumentException("aamva_test_scenario must be one of " + SCENARIOS.keySet().stream().sorted().toList());
        }
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("dmv_document_number_match", same(f.documentNumber(), r.number()));
        m.put("dmv_document_expiration_match", same(f.expiresAt(), r.expires()));
        m.put("dmv_document_issue_match", same(f.issuedAt(), r.issued()));
        m.put("dmv_document_category_match", same(category(documentType), r.category()));
        m.put("dmv_birth_date_match", same(f.birthDate(), r.birth()));
        m.put("dmv_sex_match", same(sex(f.gender()), r.sex()));
        m.put("dmv_eye_color_match", same(f.eyeColor(), r.eyes()));
        m.put("dmv_height_match", same(feetAndInches(f.height()), r.height()));
        m.put("dmv_weight_match", same(pounds(f.weight()), r.weight()));
        m.put("dmv_first_name_match", same(f.firstName(), r.first()));
        m.put("dmv_middle_name_match", same(f.middleName(), r.middle()));
        m.put("dmv_last_name_match", same(f.lastName(), r.last()));
        m.put("dmv_suffix_name_match", same(f.nameSuffix(), r.suffix()));
        m.put("dmv_street_match", same(f.street(), r.street()));
        m.put("dmv_city_match", same(f.city(), r.city()));
        m.put("dmv_state_match", same(f.state(), r.state()));
        m.put("dmv_postal_code_match", same(zip5(f.postalCode()), r.postalCode()));
        return new DmvResult(true, m, "AAMVA test scenario " + r.number() + " (local simulator)");
    }

    /** Null when the record or the document lacks the field (not sent, as DLDV treats an absent element). */
    private static Boolean same(Object document, Object record) {
        if (document == null || record == null) {
            return null;
        }
        return normalise(document).equals(normalise(record));
    }

    private static String normalise(Object value) {
        return value.toString().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9-]", "");
    }

    private static String sex(String gender) {
        if (gender == null) {
            return null;
        }
        String g = gender.strip().toUpperCase(Locale.ROOT);
        return g.startsWith("M") || g.equals("1") ? "M" : g.startsWith("F") || g.equals("2") ? "F" : g;
    }

    /** DLDV's category: DL for driver licences, ID for identification cards. */
    public static String category(String documentType) {
        return documentType == null ? null : switch (documentType) {
            case "driver_license" -> "DL";
            case "identification_card" -> "ID";
            default -> null;
        };
    }

    /** "70 in" or "178 cm" (libs/documents' AAMVA parser) as DLDV's feet and two-digit inches: "510". */
    static String feetAndInches(String height) {
        if (height == null) {
            return null;
        }
        String d = digits(height);
        if (d == null || d.isEmpty()) {
            return null;
        }
        long inches = height.toLowerCase(Locale.ROOT).contains("cm") ? Math.round(Long.parseLong(d) / 2.54) : Long.parseLong(d);
        return (inches / 12) + "%02d".formatted(inches % 12);
    }

    /** "200 lb" or "91 kg" as pounds. */
    static String pounds(String weight) {
        if (weight == null) {
            return null;
        }
        String d = digits(weight);
        if (d == null || d.isEmpty()) {
            return null;
        }
        return weight.toLowerCase(Locale.ROOT).contains("kg") ? String.valueOf(Math.round(Long.parseLong(d) * 2.20462)) : d;
    }

    private static String digits(String s) {
        return s == null ? null : s.replaceAll("[^0-9]", "");
    }

    private static String zip5(String s) {
        String d = digits(s);
        return d == null || d.length() < 5 ? d : d.substring(0, 5);
    }
}

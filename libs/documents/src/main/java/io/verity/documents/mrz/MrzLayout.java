package io.verity.documents.mrz;

import java.util.List;

/** Where each field of each format lies, what characters it may hold, and which check digit protects what. */
final class MrzLayout {

    /** A character class by position (ICAO 9303 part 3): letters, digits, or both. The filler is always allowed. */
    enum Kind { ALPHA, NUMERIC, ALNUM }

    /** A field: line index, [start, end), its class. */
    record Field(String name, int line, int start, int end, Kind kind) {
        String of(List<String> lines) {
            return lines.get(line).substring(start, end);
        }
    }

    /** A check digit at (line, position) over the concatenation of the given fields. */
    record Check(String name, int line, int position, List<Field> over) {
    }

    final List<Field> fields;
    final List<Check> checks;

    private MrzLayout(List<Field> fields, List<Check> checks) {
        this.fields = fields;
        this.checks = checks;
    }

    Field field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    static MrzLayout of(MrzFormat format) {
        return switch (format) {
            case TD1 -> td1();
            case TD2, MRV_B -> twoLines(format, 36);
            case TD3, MRV_A -> twoLines(format, 44);
        };
    }

    private static MrzLayout td1() {
        Field type = new Field("document_code", 0, 0, 2, Kind.ALPHA);
        Field issuer = new Field("issuing_state", 0, 2, 5, Kind.ALPHA);
        Field number = new Field("document_number", 0, 5, 14, Kind.ALNUM);
        Field optional1 = new Field("optional_data_1", 0, 15, 30, Kind.ALNUM);
        Field birth = new Field("birth_date", 1, 0, 6, Kind.NUMERIC);
        Field sex = new Field("sex", 1, 7, 8, Kind.ALPHA);
        Field expiry = new Field("expiry_date", 1, 8, 14, Kind.NUMERIC);
        Field nationality = new Field("nationality", 1, 15, 18, Kind.ALPHA);
        Field optional2 = new Field("optional_data_2", 1, 18, 29, Kind.ALNUM);
        Field name = new Field("name", 2, 0, 30, Kind.ALPHA);
        Field numberCheck = new Field("document_number_check", 0, 14, 15, Kind.NUMERIC);
        Field birthCheck = new Field("birth_date_check", 1, 6, 7, Kind.NUMERIC);
        Field expiryCheck = new Field("expiry_date_check", 1, 14, 15, Kind.NUMERIC);
        Field composite = new Field("composite_check", 1, 29, 30, Kind.NUMERIC);
        // The composite covers line 1 from the document number on, and line 2's dates with their check digits.
        Field upperFrom5 = new Field("upper", 0, 5, 30, Kind.ALNUM);
        Field birthWithCheck = new Field("birth", 1, 0, 7, Kind.NUMERIC);
        Field expiryWithCheck = new Field("expiry", 1, 8, 15, Kind.NUMERIC);
        return new MrzLayout(
                List.of(type, issuer, number, numberCheck, optional1, birth, birthCheck, sex, expiry, expiryCheck,
                        nationality, optional2, composite, name),
                List.of(new Check("document_number", 0, 14, List.of(number)),
                        new Check("birth_date", 1, 6, List.of(birth)),
                        new Check("expiry_date", 1, 14, List.of(expiry)),
                        new Check("composite", 1, 29, List.of(upperFrom5, birthWithCheck, expiryWithCheck, optional2))));
    }

    private static MrzLayout twoLines(MrzFormat format, int length) {
        boolean visa = format == MrzFormat.MRV_A || format == MrzFormat.MRV_B;
        boolean passport = format == MrzFormat.TD3;
        Field type = new Field("document_code", 0, 0, 2, Kind.ALPHA);
        Field issuer = new Field("issuing_state", 0, 2, 5, Kind.ALPHA);
        Field name = new Field("name", 0, 5, length, Kind.ALPHA);
        Field number = new Field("document_number", 1, 0, 9, Kind.ALNUM);
        Field numberCheck = new Field("document_number_check", 1, 9, 10, Kind.NUMERIC);
        Field nationality = new Field("nationality", 1, 10, 13, Kind.ALPHA);
        Field birth = new Field("birth_date", 1, 13, 19, Kind.NUMERIC);
        Field birthCheck = new Field("birth_date_check", 1, 19, 20, Kind.NUMERIC);
        Field sex = new Field("sex", 1, 20, 21, Kind.ALPHA);
        Field expiry = new Field("expiry_date", 1, 21, 27, Kind.NUMERIC);
        Field expiryCheck = new Field("expiry_date_check", 1, 27, 28, Kind.NUMERIC);
        Field numberWithCheck = new Field("number", 1, 0, 10, Kind.ALNUM);
        Field birthWithCheck = new Field("birth", 1, 13, 20, Kind.NUMERIC);
        List<Field> common = List.of(type, issuer, name, number, numberCheck, nationality, birth, birthCheck, sex, expiry,
                expiryCheck);
        List<Check> commonChecks = List.of(new Check("document_number", 1, 9, List.of(number)),
                new Check("birth_date", 1, 19, List.of(birth)),
                new Check("expiry_date", 1, 27, List.of(expiry)));
        if (visa) {
            Field optional = new Field("optional_data", 1, 28, length, Kind.ALNUM);
            return new MrzLayout(concat(common, List.of(optional)), commonChecks);
        }
        if (passport) {
            Field personal = new Field("optional_data", 1, 28, 42, Kind.ALNUM);
            Field personalCheck = new Field("optional_data_check", 1, 42, 43, Kind.NUMERIC);
            Field composite = new Field("composite_check", 1, 43, 44, Kind.NUMERIC);
            Field tail = new Field("tail", 1, 21, 43, Kind.ALNUM);
            return new MrzLayout(concat(common, List.of(personal, personalCheck, composite)),
                    concat(commonChecks, List.of(new Check("optional_data", 1, 42, List.of(personal)),
                            new Check("composite", 1, 43, List.of(numberWithCheck, birthWithCheck, tail)))));
        }
        Field optional = new Field("optional_data", 1, 28, 35, Kind.ALNUM);
        Field composite = new Field("composite_check", 1, 35, 36, Kind.NUMERIC);
        Field tail = new Field("tail", 1, 21, 35, Kind.ALNUM);
        return new MrzLayout(concat(common, List.of(optional, composite)),
                concat(commonChecks, List.of(new Check("composite", 1, 35, List.of(numberWithCheck, birthWithCheck, tail)))));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

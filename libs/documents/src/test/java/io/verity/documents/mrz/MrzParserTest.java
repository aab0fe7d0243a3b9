package io.verity.documents.mrz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.verity.documents.DocumentReading.CheckDigit;
import io.verity.documents.tools.MrzFixtures;
import io.verity.documents.tools.MrzFixtures.Person;
import io.verity.documents.fixtures.NodeReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MrzParserTest {

    static final List<String> TD3 = List.of("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
    static final List<String> TD2 = List.of("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6");
    static final List<String> TD1 = List.of("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    static final List<String> MRV_A = List.of("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L8988901C4XXX4009078F96121096ZE184226B<<<<<<");
    static final List<String> MRV_B = List.of("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<");

    @Test
    void icaoSpecimensOfEveryFormatParseWithEveryCheckDigit() {
        Mrz td3 = MrzParser.parse(TD3).orElseThrow();
        assertThat(td3.format()).isEqualTo(MrzFormat.TD3);
        assertThat(td3.fields().documentNumber()).isEqualTo("L898902C3");
        assertThat(td3.fields().lastName()).isEqualTo("ERIKSSON");
        assertThat(td3.fields().firstName()).isEqualTo("ANNA");
        assertThat(td3.fields().middleName()).isEqualTo("MARIA");
        assertThat(td3.fields().birthDate()).isEqualTo(LocalDate.of(1974, 8, 12));
        assertThat(td3.fields().expiresAt()).isEqualTo(LocalDate.of(2012, 4, 15));
        assertThat(td3.fields().gender()).isEqualTo("female");
        assertThat(td3.fields().issuingCountry()).isEqualTo("UTO");
        assertThat(td3.nationality()).isEqualTo("UTO");
        assertThat(td3.optionalData()).isEqualTo("ZE184226B");
        assertThat(td3.checkDigits()).extracting(CheckDigit::field)
                .containsExactly("document_number", "birth_date", "expiry_date", "optional_data", "composite");
        assertThat(td3.checkDigits()).allMatch(CheckDigit::valid);
        assertThat(td3.repairs()).isEmpty();

        for (List<String> lines : List.of(TD2, TD1, MRV_A, MRV_B)) {
            Mrz mrz = MrzParser.parse(lines).orElseThrow();
            assertThat(mrz.allChecksValid()).as("%s", lines).isTrue();
            assertThat(mrz.fields().lastName()).isEqualTo("ERIKSSON");
            assertThat(mrz.fields().firstName()).isEqualTo("ANNA");
        }
        assertThat(MrzParser.parse(TD1).orElseThrow().checkDigits()).hasSize(4);
        assertThat(MrzParser.parse(MRV_A).orElseThrow().format()).isEqualTo(MrzFormat.MRV_A);
        assertThat(MrzParser.parse(MRV_A).orElseThrow().checkDigits()).hasSize(3);
        assertThat(MrzParser.parse(MRV_B).orElseThrow().format()).isEqualTo(MrzFormat.MRV_B);
        assertThat(MrzParser.parse(TD2).orElseThrow().fields().documentNumber()).isEqualTo("D23145890");
    }

    @Test
    void ocrErrorsAreRepairedByPositionAndCheckDigit() {
        // Letters for digits in dates, a digit for a letter in the state code, O for 0 in the document number,
        // a filler read as K in the name's filler, and a filler run one short.
        List<String> misread = List.of("P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<K<<<<<<<<<<",
                "L8989O2C36UTO74O8I22F12O4159ZE184226B<<<<<10");
        Mrz mrz = MrzParser.parse(misread).orElseThrow();
        assertThat(mrz.lines()).isEqualTo(TD3);
        assertThat(mrz.allChecksValid()).isTrue();
        assertThat(mrz.repairs()).anyMatch(r -> r.startsWith("document_number: 'O' read as '0' (check digit)"))
                .anyMatch(r -> r.startsWith("issuing_state: '0' read as 'O'"))
                .anyMatch(r -> r.startsWith("birth_date: 'O' read as '0'"))
                .anyMatch(r -> r.startsWith("name: 'K' in the filler"))
                .anyMatch(r -> r.startsWith("line 1: 43 characters read"));

        // I for 1 in a TD1 number; and a number whose check digit is wrong is not "repaired" into a valid one.
        Mrz td1 = MrzParser.parse(List.of("I<UTOD23I458907<<<<<<<<<<<<<<<", TD1.get(1), TD1.get(2))).orElseThrow();
        assertThat(td1.fields().documentNumber()).isEqualTo("D23145890");
        assertThat(td1.allChecksValid()).isTrue();
        Mrz wrong = MrzParser.parse(List.of(TD2.get(0), "D231458908UTO7408122F1204159<<<<<<<6")).orElseThrow();
        assertThat(wrong.fields().documentNumber()).isEqualTo("D23145890");
        assertThat(wrong.checkDigits().get(0).valid()).isFalse();
    }

    @Test
    void aWrongCheckDigitIsReportedWithBothDigits() {
        List<String> forged = List.of(TD3.get(0), "L898902C36UTO7408122F1204159ZE184226B<<<<<10".replace("7408122", "7408132"));
        Mrz mrz = MrzParser.parse(forged).orElseThrow();
        assertThat(mrz.allChecksValid()).isFalse();
        CheckDigit birth = mrz.checkDigits().stream().filter(c -> c.field().equals("birth_date")).findFirst().orElseThrow();
        assertThat(birth.printed()).isEqualTo('2');
        assertThat(birth.computed()).isNotEqualTo('2');
        assertThat(mrz.checkDigits().stream().filter(c -> c.field().equals("composite")).findFirst().orElseThrow().valid()).isFalse();
    }

    @Test
    void linesThatAreNoMrzAreRefused() {
        assertThat(MrzParser.parse(List.of("HELLO", "WORLD"))).isEmpty();
        assertThat(MrzParser.parse(List.of(TD3.get(0)))).isEmpty();
    }

    /** Generated MRZs of every format, parsed by us and by npm mrz: same fields, same check digit verdicts. */
    @Test
    void generatedMrzsAgreeWithNpmMrz() {
        Random random = new Random(12);
        List<List<String>> all = new ArrayList<>();
        List<Person> people = new ArrayList<>();
        List<MrzFormat> formats = new ArrayList<>();
        for (MrzFormat format : MrzFormat.values()) {
            for (int i = 0; i < 40; i++) {
                String code = switch (format) {
                    case TD3 -> "P";
                    case MRV_A, MRV_B -> "V";
                    case TD1 -> i % 2 == 0 ? "ID" : "I";
                    default -> "I"; // "ID" + FRA on 2 × 36 is the French national card, another layout
                };
                Person p = MrzFixtures.random(random, code);
                List<String> lines = new ArrayList<>(MrzFixtures.lines(format, p));
                if (i % 5 == 4) { // a wrong document number check digit now and then
                    int at = format == MrzFormat.TD1 ? 14 : 9;
                    int line = format == MrzFormat.TD1 ? 0 : 1;
                    char[] chars = lines.get(line).toCharArray();
                    chars[at] = (char) ('0' + (chars[at] - '0' + 1) % 10);
                    lines.set(line, new String(chars));
                }
                all.add(lines);
                people.add(p);
                formats.add(format);
            }
        }
        JsonNode reference = NodeReference.run("mrz.mjs", all);
        Map<String, String> ourToTheirs = Map.of("document_number", "documentNumberCheckDigit", "birth_date",
                "birthDateCheckDigit", "expiry_date", "expirationDateCheckDigit", "optional_data", "personalNumberCheckDigit",
                "composite", "compositeCheckDigit");
        for (int i = 0; i < all.size(); i++) {
            Mrz ours = MrzParser.parseFitted(formats.get(i), all.get(i), new ArrayList<>());
            JsonNode theirs = reference.get(i);
            assertThat(theirs.has("error")).as("npm mrz on %s: %s", all.get(i), theirs).isFalse();
            // npm mrz has no visa formats: it reads a 2 × 44 visa as TD3 and a 2 × 36 one as TD2.
            assertThat(theirs.get("format").asText()).isEqualTo(switch (formats.get(i)) {
                case MRV_A -> "TD3";
                case MRV_B -> "TD2";
                default -> formats.get(i).name();
            });
            JsonNode fields = theirs.get("fields");
            Person p = people.get(i);
            assertThat(ours.fields().documentNumber()).as("%s", all.get(i)).isEqualTo(fields.get("documentNumber").asText()).isEqualTo(p.number());
            assertThat(ours.fields().lastName()).isEqualTo(fields.get("lastName").asText());
            assertThat(ours.fields().birthDate().format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")))
                    .isEqualTo(fields.get("birthDate").asText()).isEqualTo(p.birth());
            assertThat(ours.fields().expiresAt().format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")))
                    .isEqualTo(fields.get("expirationDate").asText());
            assertThat(ours.fields().gender()).isEqualTo(fields.get("sex").asText());
            String given = fields.get("firstName").asText();
            assertThat((ours.fields().firstName() + (ours.fields().middleName() == null ? "" : " " + ours.fields().middleName())))
                    .isEqualTo(given);
            for (CheckDigit check : ours.checkDigits()) {
                JsonNode verdict = theirs.get("checks").get(ourToTheirs.get(check.field()));
                assertThat(verdict).as("npm mrz reports %s for %s", check.field(), formats.get(i)).isNotNull();
                assertThat(check.valid()).as("%s of %s", check.field(), all.get(i)).isEqualTo(verdict.asBoolean());
            }
        }
    }
}

package io.verity.documents.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Screening against the 2021 copy of the OFAC SDN list in ../shared/data/sanctions. */
class SanctionsScreenerTest {

    static final Path DATA = Path.of(System.getProperty("verity.repository", "../.."), "..", "shared", "data", "sanctions");
    static SanctionsScreener screener;

    @BeforeAll
    static void load() throws IOException {
        try (Reader sdn = reader("sdn.csv"); Reader alt = reader("alt.csv"); Reader add = reader("add.csv")) {
            screener = new SanctionsScreener(SdnList.parse(sdn, alt, add));
        }
    }

    static Reader reader(String name) throws IOException {
        return Files.newBufferedReader(DATA.resolve(name), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theWholeListLoadsWithAliasesAddressesAndDatesOfBirth() {
        SdnList list = screener.list();
        assertThat(list.size()).isEqualTo(8976);
        SdnEntry zawahiri = list.entries().stream().filter(e -> e.id() == 2676).findFirst().orElseThrow();
        assertThat(zawahiri.individual()).isTrue();
        assertThat(zawahiri.aliases()).contains("AL-ZAWAHIRI, Ayman", "SALIM, Ahmad Fuad");
        assertThat(zawahiri.birthDates()).containsExactly(new BirthDate(1951, 6, 19));
        SdnEntry bank = list.entries().stream().filter(e -> e.id() == 306).findFirst().orElseThrow();
        assertThat(bank.addresses()).contains("Zweierstrasse 35, Zurich CH-8022, Switzerland");
        assertThat(screener.names()).isGreaterThan(4620);
    }

    @Test
    void datesOfBirthAreReadFromTheRemarksInEveryForm() {
        assertThat(SdnList.birthDates("DOB 13 Feb 1961; alt. DOB 13 Feb 1965; POB Irkutsk"))
                .containsExactly(new BirthDate(1961, 2, 13), new BirthDate(1965, 2, 13));
        assertThat(SdnList.birthDates("DOB circa 1960; x")).containsExactly(new BirthDate(1960, null, null));
        assertThat(SdnList.birthDates("DOB Mar 1970.")).containsExactly(new BirthDate(1970, 3, null));
        assertThat(SdnList.birthDates("DOB 1955 to 1957")).extracting(BirthDate::year).containsExactly(1955, 1956, 1957);
        assertThat(SdnList.birthDates("Passport 1084010")).isEmpty();
    }

    @Test
    void theListedNameInDocumentOrderMatchesWithItsDateOfBirth() {
        List<SanctionsMatch> hits = screener.screen("Ayman", null, "Al Zawahiri", LocalDate.of(1951, 6, 19), 0.15);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).entryId()).isEqualTo(2676);
        assertThat(hits.get(0).score()).isEqualTo(1.0);
        assertThat(hits.get(0).birthDateMatches()).isTrue();
        assertThat(hits.get(0).programs()).isEqualTo("SDGT");
    }

    @Test
    void aMisspellingAnAliasAndAnotherScriptStillMatch() {
        // one letter off, words in the document's order
        assertThat(screener.screen("Aiman", null, "Al-Zawahiri", null, 0.15)).extracting(SanctionsMatch::entryId).contains(2676);
        // an alias ("SALIM, Ahmad Fuad")
        List<SanctionsMatch> alias = screener.screen("Ahmad", "Fuad", "Salim", null, 0.15);
        assertThat(alias).extracting(SanctionsMatch::entryId).contains(2676);
        assertThat(alias.stream().filter(m -> m.entryId() == 2676).findFirst().orElseThrow().matchedName())
                .isEqualTo("SALIM, Ahmad Fuad");
        // Cyrillic, transliterated by ICU: Рамзан Кадыров is KADYROV, Ramzan Akhmatovich
        assertThat(screener.screen("Рамзан", null, "Кадыров", LocalDate.of(1976, 10, 5), 0.15))
                .extracting(SanctionsMatch::entryId).contains(23343);
    }

    @Test
    void aDifferentDateOfBirthIsReportedAndOrdinaryNamesDoNotMatch() {
        SanctionsMatch other = screener.screen("Ramzan", null, "Kadyrov", LocalDate.of(1990, 1, 1), 0.15).get(0);
        assertThat(other.entryId()).isEqualTo(23343);
        assertThat(other.birthDateMatches()).isFalse();
        assertThat(screener.screen("Anna", "Maria", "Eriksson", LocalDate.of(1974, 8, 12), 0.15)).isEmpty();
        assertThat(screener.screen("John", null, "Smith", null, 0.15)).isEmpty();
        assertThat(screener.screen(null, null, null, null, 0.15)).isEmpty();
    }

    @Test
    void theToleranceComesFromTheCaller() {
        assertThat(screener.screen("Aymen", null, "Zawahery", null, 0.05)).isEmpty();
        assertThat(screener.screen("Aymen", null, "Zawahery", null, 0.3)).extracting(SanctionsMatch::entryId).contains(2676);
    }

    @Test
    void aFileThatIsNotTheListIsRefused() {
        assertThatThrownBy(() -> SdnList.parse(new StringReader("<html>not found</html>"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

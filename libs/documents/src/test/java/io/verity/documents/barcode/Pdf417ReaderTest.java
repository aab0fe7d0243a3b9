package io.verity.documents.barcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.verity.documents.DocumentReading;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.Photos;
import io.verity.face.image.ImageDecoder;
import io.verity.face.image.RgbImage;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class Pdf417ReaderTest {

    private static final ImageDecoder DECODER = new ImageDecoder(20_000_000, 50_000_000, 6_000_000);

    private static RgbImage photo(BufferedImage card, double degrees, int blur, float quality) {
        return DECODER.decode(Photos.jpeg(Photos.blur(Photos.rotate(card, degrees), blur), quality));
    }

    @Test
    void barcodesPhotographedRotatedBlurredAndCompressedAreRead() {
        String payload = AamvaFixtures.payload(9, AamvaFixtures.sample("USA"));
        BufferedImage back = Photos.licenceBack(payload);
        record Case(double degrees, int blur, float quality) {
        }
        for (Case c : new Case[] {new Case(0, 0, 0.9f), new Case(4, 1, 0.7f), new Case(-9, 1, 0.6f), new Case(90, 1, 0.7f),
                new Case(180, 1, 0.7f), new Case(17, 1, 0.75f), new Case(-25, 1, 0.8f)}) {
            Pdf417Reader.Outcome outcome = Pdf417Reader.read(photo(back, c.degrees(), c.blur(), c.quality()));
            assertThat(outcome.problem()).as("%s", c).isNull();
            assertThat(outcome.payload()).as("%s", c).isEqualTo(payload);
        }
    }

    @Test
    void whenNothingCanBeReadTheProblemSaysWhatWasTried() {
        BufferedImage blank = Photos.licenceBack(null);
        Pdf417Reader.Outcome outcome = Pdf417Reader.read(photo(blank, 0, 0, 0.8f));
        assertThat(outcome.payload()).isNull();
        assertThat(outcome.attempts()).isGreaterThan(8);
        assertThat(outcome.problem()).startsWith("no PDF417 barcode could be read on the back image after");
    }

    @Test
    void theRecordsCheckDigitTypeIsTheContractsOne() {
        assertThat(new DocumentReading.CheckDigit("x", '1', '1').valid()).isTrue();
    }
}

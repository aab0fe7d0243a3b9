package io.verity.face.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.verity.face.FaceRefusal;
import io.verity.face.TestImages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** libjpeg-turbo, where the system has it, decodes what ImageIO decodes (CI installs libturbojpeg0). */
class TurboJpegTest {

    private final ImageDecoder decoder = new ImageDecoder(15L << 20, 50_000_000L, 4_000_000L);

    @Test
    void decodesTheSamePixelsAsImageIo() {
        assumeTrue(TurboJpeg.available().isPresent(), "libturbojpeg.so.0 is not installed");
        for (String photo : new String[] {"obama/obama-4.jpg", "group/obama-and-biden.jpg", "kit-harington/kit-harington-2.jpg"}) {
            byte[] jpeg = TestImages.face(photo);
            RgbImage turbo = TurboJpeg.available().get().decode(jpeg, 50_000_000L, 4_000_000L).orElseThrow();
            RgbImage imageIo = decoder.decodeJpegWithImageIo(jpeg);
            assertThat(turbo.width()).isEqualTo(imageIo.width());
            assertThat(turbo.height()).isEqualTo(imageIo.height());
            long diff = 0;
            for (int i = 0; i < turbo.rgb().length; i += 97) {
                diff += Math.abs((turbo.rgb()[i] & 0xff) - (imageIo.rgb()[i] & 0xff));
            }
            assertThat((double) diff / (turbo.rgb().length / 97)).as(photo).isLessThan(3.0);
        }
    }

    @Test
    void scalesVeryLargeImagesWhileDecodingAndRefusesBrokenOnes() {
        assumeTrue(TurboJpeg.available().isPresent(), "libturbojpeg.so.0 is not installed");
        byte[] jpeg = TestImages.face("obama/obama-3.jpg"); // 1434×2333
        RgbImage quarter = TurboJpeg.available().get().decode(jpeg, 50_000_000L, 1_000_000L).orElseThrow();
        assertThat(quarter.width()).isEqualTo(717);
        assertThat(quarter.height()).isEqualTo(1167);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThatThrownBy(() -> TurboJpeg.available().get().decode(truncated, 50_000_000L, 4_000_000L))
                .isInstanceOf(FaceRefusal.class);
    }
}

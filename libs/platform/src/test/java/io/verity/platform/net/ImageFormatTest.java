package io.verity.platform.net;

import static io.verity.platform.net.OutboundTesting.sharedDir;
import static io.verity.platform.net.OutboundTesting.sharedFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.verity.platform.net.OutboundRefusedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recognising images by their first bytes: real photos from the shared folder, and content that only pretends. */
class ImageFormatTest {

    @Test
    void recognisesEveryPhotoInTheSharedFolder() throws IOException {
        List<Path> photos;
        try (Stream<Path> files = Files.walk(sharedDir().resolve("data/faces"))) {
            photos = files.filter(f -> f.toString().endsWith(".jpg") || f.toString().endsWith(".png")).toList();
        }

        assertThat(photos).hasSizeGreaterThan(10);
        for (Path photo : photos) {
            ImageFormat expected = photo.toString().endsWith(".png") ? ImageFormat.PNG : ImageFormat.JPEG;
            assertThat(ImageFormat.sniff(Files.readAllBytes(photo))).as(photo.toString()).contains(expected);
        }
    }

    @Test
    void recognisesAPngWithAnAlphaChannel() throws IOException {
        byte[] png = sharedFile("data/faces/obama/obama-rgba.png");

        assertThat(ImageFormat.requireImage(png, "image_url")).isEqualTo(ImageFormat.PNG);
        assertThat(ImageFormat.PNG.mediaType()).isEqualTo("image/png");
    }

    @Test
    void recognisesABitmapWrittenByTheJdk() throws IOException {
        byte[] jpeg = sharedFile("data/faces/obama/obama-small.jpg");
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        assertThat(ImageIO.write(ImageIO.read(new ByteArrayInputStream(jpeg)), "bmp", bmp)).isTrue();

        assertThat(ImageFormat.sniff(bmp.toByteArray())).contains(ImageFormat.BMP);
    }

    @Test
    void recognisesAWebpHeader() {
        byte[] header = ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 \u0018\u0000\u0000\u0000");

        assertThat(ImageFormat.sniff(header)).contains(ImageFormat.WEBP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<!DOCTYPE html><html><body>not a photo</body></html>", "{\"image\":\"none\"}",
            "BMW drivers write text that starts like a bitmap", "RIFF\u0024\u0000\u0000\u0000WAVEfmt ", "GIF89a",
            "\u00ff\u00d8"})
    void refusesContentThatIsNotAnImage(String content) {
        OutboundRefusedException refused = catchThrowableOfType(OutboundRefusedException.class,
                () -> ImageFormat.requireImage(ascii(content), "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.NOT_AN_IMAGE);
        assertThat(refused.getMessage())
                .isEqualTo("image_url did not return an image: its content is not JPEG, PNG, WebP or BMP");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}

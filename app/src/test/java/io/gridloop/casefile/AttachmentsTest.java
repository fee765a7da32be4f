package io.gridloop.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Photos are decoded, limited in pixels before decoding, and stored re-encoded: no metadata, no trailing payload. */
class AttachmentsTest {

    private final Attachments attachments = new Attachments(10 * 1024 * 1024, 40_000_000);

    private void refused(byte[] content, String key) {
        assertThatThrownBy(() -> attachments.photo("reportPhotos", "x.png", content))
                .isInstanceOfSatisfying(CaseRuleException.class, e -> assertThat(e.messageKey()).isEqualTo(key));
    }

    @Test
    void aJpegWithGpsIsStoredAsAJpegWithoutGpsAndUpright() throws Exception {
        BufferedImage leftRedRightBlue = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 20; y++) {
                leftRedRightBlue.setRGB(x, y, x < 20 ? 0xff0000 : 0x0000ff);
            }
        }
        byte[] phone = TestImages.jpegWithGps(leftRedRightBlue, 6);
        Metadata in = ImageMetadataReader.readMetadata(new ByteArrayInputStream(phone));
        assertThat(in.getFirstDirectoryOfType(GpsDirectory.class)).as("the test photo carries GPS").isNotNull()
                .satisfies(gps -> assertThat(gps.getGeoLocation().getLatitude()).isBetween(39.9, 40.0));

        NewAttachment stored = attachments.photo("reportPhotos", "IMG_0001.jpg", phone);

        assertThat(stored.contentType()).isEqualTo("image/jpeg");
        assertThat(Attachments.imageType(stored.content())).isEqualTo("image/jpeg");
        Metadata out = ImageMetadataReader.readMetadata(new ByteArrayInputStream(stored.content()));
        assertThat(out.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(out.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(stored.content()));
        assertThat(upright.getWidth()).as("orientation 6: turned a quarter clockwise").isEqualTo(20);
        assertThat(upright.getHeight()).isEqualTo(40);
        assertThat((upright.getRGB(10, 5) >> 16) & 0xff).as("the left (red) half is now on top").isGreaterThan(200);
        assertThat(upright.getRGB(10, 35) & 0xff).as("the right (blue) half below").isGreaterThan(200);
    }

    @Test
    void aPngStaysAPng() throws Exception {
        NewAttachment stored = attachments.photo("reportPhotos", "dot.png", LoopDriver.PNG);
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(stored.content())).getWidth()).isEqualTo(1);
    }

    @Test
    void truncatedImagesAreRefused() {
        byte[] png = TestImages.encode(TestImages.noise(64, 64), "png");
        refused(Arrays.copyOf(png, png.length / 2), "error.photo.notImage");
        byte[] jpeg = TestImages.encode(TestImages.noise(64, 64), "jpeg");
        refused(Arrays.copyOf(jpeg, jpeg.length / 2), "error.photo.notImage");
    }

    @Test
    void aGifHtmlPolyglotIsRefusedOrStoredAsPixelsOnly() {
        // a GIF header whose "width" opens a script comment, as in the classic polyglot
        refused(("GIF89a/*\u0000\u0000<html><script>alert(document.cookie)</script></html>*/").getBytes(StandardCharsets.ISO_8859_1),
                "error.photo.notImage");
        // a real GIF with a page appended after its trailer decodes; what is stored holds the pixels only
        byte[] gif = TestImages.encode(TestImages.noise(8, 8), "gif");
        byte[] polyglot = new byte[gif.length + 40];
        System.arraycopy(gif, 0, polyglot, 0, gif.length);
        System.arraycopy("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.ISO_8859_1), 0, polyglot, gif.length, 38);
        NewAttachment stored = attachments.photo("reportPhotos", "cat.gif", polyglot);
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(new String(stored.content(), StandardCharsets.ISO_8859_1)).doesNotContain("<script");
    }

    @Test
    void tooManyPixelsAreRefusedFromTheHeaderBeforeDecoding() {
        byte[] bomb = TestImages.pngHeaderOnly(20_000, 20_000);
        assertThat(bomb.length).isLessThan(100);
        long start = System.nanoTime();
        refused(bomb, "error.photo.tooManyPixels");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms: no 400-megapixel inflate").isLessThan(2000);
        refused(TestImages.pngHeaderOnly(8000, 5001), "error.photo.tooManyPixels");
    }

    @Test
    void aFileNameLongerThanItsColumnIsRefused() {
        assertThatThrownBy(() -> attachments.photo("reportPhotos", "a".repeat(197) + ".png", LoopDriver.PNG))
                .isInstanceOfSatisfying(CaseRuleException.class, e -> assertThat(e.messageKey()).isEqualTo("error.photo.nameTooLong"));
        assertThat(attachments.photo("reportPhotos", "a".repeat(196) + ".png", LoopDriver.PNG).fileName()).hasSize(200);
    }
}

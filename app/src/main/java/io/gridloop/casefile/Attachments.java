package io.gridloop.casefile;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.springframework.stereotype.Component;

/**
 * The one check every uploaded photo passes, from the report page, the JSON API and task forms alike: a name that fits,
 * bytes within the size limit that really decode as a JPEG, PNG or GIF (first bytes are not enough: a truncated file or
 * a GIF/HTML polyglot starts right), dimensions within the pixel limit read from the header before any pixel is
 * decoded, and then the image re-encoded, so that what is stored and served holds pixels only: no EXIF, no GPS, no
 * trailing script. JPEG stays JPEG (turned upright by its EXIF orientation), PNG stays PNG, a GIF becomes a PNG.
 */
@Component
public class Attachments {

    /** gl_attachment.file_name is varchar(200). */
    public static final int MAX_FILE_NAME = 200;
    /** The field keys of a report's photos: the problem as found, and (resolved on the spot) the work done. */
    public static final String REPORT_PHOTOS = "reportPhotos";
    public static final String AFTER_PHOTOS = "afterPhotos";

    private final long maxBytes;
    private final long maxPixels;

    /** The largest photo accepted, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    @org.springframework.beans.factory.annotation.Autowired
    public Attachments(AttachmentSettings settings) {
        this(settings.maxBytes(), settings.maxPixels());
    }

    public Attachments(long maxBytes, long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        // ImageIO scans the class path once per JVM; a web app's class loader may come later (TwelveMonkeys' advice)
        ImageIO.scanForPlugins();
    }

    /** The image type the bytes start with, or null when they are no image GridLoop accepts. */
    public static String imageType(byte[] b) {
        if (b == null || b.length < 12) {
            return null;
        }
        if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if ((b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        return null;
    }

    /**
     * Checks a photo and returns it as it is to be stored: re-encoded, with its content type; refuses with a translatable
     * message naming the file.
     */
    public NewAttachment photo(String fieldKey, String fileName, byte[] content) {
        String name = fileName == null || fileName.isBlank() ? "photo" : fileName.strip().replaceAll("[\\\\/]", "_");
        if (name.length() > MAX_FILE_NAME) {
            throw new CaseRuleException("error.photo.nameTooLong", name.substring(0, 20) + "…", MAX_FILE_NAME);
        }
        if (content == null || content.length == 0) {
            throw new CaseRuleException("error.photo.empty", name);
        }
        if (content.length > maxBytes) {
            throw new CaseRuleException("error.photo.tooLarge", name, String.format(Locale.ROOT, "%.1f", maxBytes / 1048576.0));
        }
        String type = imageType(content);
        if (type == null) {
            throw new CaseRuleException("error.photo.notImage", name);
        }
        BufferedImage image = decode(name, type, content);
        if ("image/jpeg".equals(type)) {
            image = upright(image, Exif.orientation(content));
            return new NewAttachment(fieldKey, name, "image/jpeg", jpeg(image));
        }
        return new NewAttachment(fieldKey, name, "image/png", encode(image, "png"));
    }

    private BufferedImage decode(String name, String type, byte[] content) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
            if (in == null || !readers.hasNext()) {
                throw new CaseRuleException("error.photo.notImage", name);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // the header alone: a 20000×20000 PNG of a few kilobytes must not be inflated to learn it is too big
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new CaseRuleException("error.photo.tooManyPixels", name, String.format(Locale.ROOT, "%.0f", maxPixels / 1e6));
                }
                // a truncated or corrupt JPEG decodes "with warnings" into a half-grey picture: that is no photo either
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty() || image == null) {
                    throw new CaseRuleException("error.photo.notImage", name);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CaseRuleException refusal) {
                throw refusal;
            }
            // a decoder's IllegalArgumentException, IndexOutOfBounds … on crafted bytes is a bad file, not a server error
            throw new CaseRuleException("error.photo.notImage", name);
        }
    }

    /** Applies the EXIF orientation (1–8) that the re-encoded file no longer carries. */
    static BufferedImage upright(BufferedImage src, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_3BYTE_BGR
                && image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            try {
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads the one EXIF tag GridLoop keeps the effect of (orientation) straight from a JPEG's APP1 segment. */
    static final class Exif {

        private Exif() {}

        static int orientation(byte[] jpeg) {
            try {
                int i = 2;
                while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
                    int marker = jpeg[i + 1] & 0xff;
                    int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
                    if (marker == 0xda || marker == 0xd9) {
                        return 1;
                    }
                    if (marker == 0xe1 && length >= 16 && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i'
                            && jpeg[i + 7] == 'f') {
                        return tiffOrientation(jpeg, i + 10, i + 2 + length);
                    }
                    i += 2 + length;
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                return 1;
            }
            return 1;
        }

        private static int tiffOrientation(byte[] b, int tiff, int end) {
            boolean little = b[tiff] == 'I';
            int ifd = tiff + read(b, tiff + 4, 4, little);
            int entries = read(b, ifd, 2, little);
            for (int e = 0; e < entries; e++) {
                int at = ifd + 2 + e * 12;
                if (at + 12 > end) {
                    return 1;
                }
                if (read(b, at, 2, little) == 0x0112) {
                    return read(b, at + 8, 2, little);
                }
            }
            return 1;
        }

        private static int read(byte[] b, int at, int n, boolean little) {
            int v = 0;
            for (int k = 0; k < n; k++) {
                int shift = little ? 8 * k : 8 * (n - 1 - k);
                v |= (b[at + k] & 0xff) << shift;
            }
            return v;
        }
    }
}

package io.gridloop.casefile;

import java.util.Locale;

/** Checks photos before they are stored: real images only (by their first bytes, not their name), within the size limit. */
public final class Attachments {

    private Attachments() {}

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
        if (b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    /** Validates a photo and returns it with its real content type; refuses with a translatable message. */
    public static NewAttachment checkedPhoto(String fieldKey, String fileName, byte[] content, long maxBytes) {
        String name = fileName == null || fileName.isBlank() ? "photo" : fileName.replaceAll("[\\\\/]", "_");
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
        return new NewAttachment(fieldKey, name, type, content);
    }
}

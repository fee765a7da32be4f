package io.gridloop.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The files an upload refused (too large, not an image, one too many, or lost on the way), said in the official's words
 * beside the upload. While any is refused the form is not sent: the official chooses another file or lets this one go,
 * so a report never goes out silently without the photo they picked.
 */
public class RefusedUploads extends Div {

    private final Map<String, String> refused = new LinkedHashMap<>();
    private final Span text = new Span();
    private final Button dismiss = new Button();

    /** Watches {@code upload}, whose files may be at most {@code maxBytes} large (the limit the service enforces). */
    public RefusedUploads(Upload upload, long maxBytes) {
        addClassName("gl-field-error");
        getElement().setAttribute("role", "alert");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxBytes));
        String mb = String.format(Locale.ROOT, "%.1f", maxBytes / 1048576.0);
        upload.addFileRejectedListener(e -> refuse(e.getFileName(), reason(upload, e.getErrorMessage(), mb)));
        upload.addFailedListener(e -> refuse(e.getFileName(), getTranslation("upload.refused.failed")));
        // a later file with the same name that arrives replaces the refused one
        upload.addSucceededListener(e -> {
            if (refused.remove(e.getFileName()) != null) {
                show();
            }
        });
        dismiss.setText(getTranslation("upload.refused.dismiss"));
        dismiss.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        dismiss.addClickListener(e -> {
            refused.clear();
            show();
        });
        add(text, dismiss);
        show();
    }

    /** Whether no chosen file stands refused, so the form may be sent. */
    public boolean isClear() {
        return refused.isEmpty();
    }

    /** What to tell the official who sends the form while a file stands refused. */
    public String message() {
        return String.join(";", refused.values());
    }

    private void refuse(String fileName, String reason) {
        String name = fileName == null || fileName.isBlank() ? getTranslation("upload.refused.aFile") : fileName;
        refused.put(name, getTranslation("upload.refused", name, reason));
        show();
    }

    private void show() {
        text.setText(message());
        setVisible(!refused.isEmpty());
    }

    /** The upload's own error (in whichever language its i18n speaks) turned into ours, with the limit in it. */
    private String reason(Upload upload, String error, String mb) {
        UploadI18N.Error own = upload.getI18n() == null ? null : upload.getI18n().getError();
        if (matches(error, own == null ? null : own.getFileIsTooBig(), "File is Too Big.")) {
            return getTranslation("upload.refused.tooBig", mb);
        }
        if (matches(error, own == null ? null : own.getIncorrectFileType(), "Incorrect File Type.")) {
            return getTranslation("upload.refused.type");
        }
        if (matches(error, own == null ? null : own.getTooManyFiles(), "Too Many Files.")) {
            return getTranslation("upload.refused.tooMany", upload.getMaxFiles());
        }
        return error == null || error.isBlank() ? getTranslation("upload.refused.failed") : error;
    }

    private static boolean matches(String error, String own, String english) {
        return error != null && (error.equals(own) || error.equals(english));
    }
}

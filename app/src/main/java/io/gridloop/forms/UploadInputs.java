package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.ui.RefusedUploads;
import java.util.ArrayList;
import java.util.List;

/**
 * form-js {@code filepicker}: files held in memory until the form is sent; a file over the size limit is refused where
 * it was chosen and keeps the form from being sent ({@link RefusedUploads}).
 */
final class UploadInputs {

    private UploadInputs() {}

    static Component filepicker(FieldContext ctx, FormField f) {
        List<CamundaFormView.PickedUpload> picked = f.hasKey() ? ctx.state().filesOf(f.key()) : new ArrayList<>();
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> picked.add(new CamundaFormView.PickedUpload(meta.fileName(), bytes))));
        String accept = f.raw().path("accept").asText(null);
        if (accept != null && !accept.isBlank()) {
            upload.setAcceptedFileTypes(accept.split("\\s*,\\s*"));
        }
        upload.setMaxFiles(f.raw().path("multiple").asBoolean(false) ? 9 : 1);
        ComponentTexts.upload(upload);
        upload.addFileRemovedListener(e -> picked.removeIf(p -> p.fileName().equals(e.getFileName())));
        if (f.id() != null) {
            upload.setId(f.id());
        }
        Span error = new Span();
        error.addClassName("gl-field-error");
        RefusedUploads refusedHere = new RefusedUploads(upload, ctx.maxFileBytes());
        ctx.state().refusals(refusedHere);
        Div box = new Div();
        String label = ctx.texts().label(f);
        if (label != null) {
            box.add(new Span(label));
        }
        box.add(upload, refusedHere, error);
        if (f.hasKey()) {
            ctx.state().bind(f.key(), f, upload, () -> picked.size(), msg -> error.setText(msg == null ? "" : msg));
        }
        return box;
    }
}

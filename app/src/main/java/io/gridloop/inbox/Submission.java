package io.gridloop.inbox;

import io.gridloop.forms.FormValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an official submits on a task: the form's values and the files of its filepickers, by field key. */
public record Submission(Map<String, Object> values, Map<String, List<UploadedFile>> files) {

    public record UploadedFile(String fileName, byte[] content) {}

    /** A submission without values or files (as JSON may leave them out) is an empty one. */
    public Submission {
        values = values == null ? Map.of() : values;
        files = files == null ? Map.of() : files;
    }

    public static Submission of(Map<String, Object> values) {
        return new Submission(values, Map.of());
    }

    /**
     * How many files each filepicker got; refuses a field whose list is missing ({@code "files": {"x": null}}) or holds
     * a missing file, which only a hand-made JSON request can send.
     */
    public Map<String, Integer> fileCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<FormValidator.FieldError> errors = new ArrayList<>();
        files.forEach((key, list) -> {
            if (list == null) {
                errors.add(new FormValidator.FieldError(key, "error.photo.missing", 1));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    errors.add(new FormValidator.FieldError(key, "error.photo.missing", i + 1));
                }
            }
            counts.put(key, list.size());
        });
        if (!errors.isEmpty()) {
            throw new FormInvalidException(errors);
        }
        return counts;
    }
}

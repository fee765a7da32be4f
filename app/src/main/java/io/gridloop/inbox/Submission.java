package io.gridloop.inbox;

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
}

package io.gridloop.inbox;

import java.util.List;
import java.util.Map;

/** What an official submits on a task: the form's values and the files of its filepickers, by field key. */
public record Submission(Map<String, Object> values, Map<String, List<UploadedFile>> files) {

    public record UploadedFile(String fileName, byte[] content) {}

    public static Submission of(Map<String, Object> values) {
        return new Submission(values, Map.of());
    }
}

package io.gridloop.process.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads a list of department codes however it was submitted (a form's taglist gives a list, the REST API may give
 * a comma-separated string); the BPMN's multi-instance co-handling iterates over it as {@code ${departmentCodes.split(coDepartments)}}.
 */
@Component("departmentCodes")
public class DepartmentCodes {

    public List<String> split(Object value) {
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> add(codes, v));
        } else if (value instanceof Object[] a) {
            for (Object v : a) {
                add(codes, v);
            }
        } else if (value != null) {
            for (String s : value.toString().replaceAll("[\\[\\]\"]", "").split(",")) {
                add(codes, s);
            }
        }
        return new ArrayList<>(codes);
    }

    private static void add(Collection<String> codes, Object v) {
        if (v != null && !v.toString().isBlank()) {
            codes.add(v.toString().trim());
        }
    }
}

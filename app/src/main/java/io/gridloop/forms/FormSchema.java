package io.gridloop.forms;

import java.util.ArrayList;
import java.util.List;

/** A parsed Camunda Form: its id and components, in the order and rows Modeler laid them out. */
public record FormSchema(String id, List<FormField> components) {

    /** Every component, groups opened up, depth first. */
    public List<FormField> allFields() {
        List<FormField> out = new ArrayList<>();
        collect(components, out);
        return out;
    }

    private static void collect(List<FormField> fields, List<FormField> out) {
        for (FormField f : fields) {
            out.add(f);
            collect(f.components(), out);
        }
    }

    /** The fields grouped into rows: consecutive components that share a layout row sit side by side. */
    public static List<List<FormField>> rows(List<FormField> fields) {
        List<List<FormField>> rows = new ArrayList<>();
        String current = null;
        for (FormField f : fields) {
            if (rows.isEmpty() || f.layoutRow() == null || !f.layoutRow().equals(current)) {
                rows.add(new ArrayList<>());
            }
            rows.get(rows.size() - 1).add(f);
            current = f.layoutRow();
        }
        return rows;
    }
}

package io.gridloop.metrics;

import io.gridloop.ui.Translations;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The district's problems as CSV (one table a file, the API's names as header) and Excel (one sheet a table, labels in the
 * reader's language, each table's rule in words above it), written straight to the stream like {@link EvaluationExport}.
 */
public final class ProblemsExport {

    private ProblemsExport() {}

    public static void csv(ProblemTable table, DistrictProblems.Problems p, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT);
        csv.printRecord(table.columns());
        for (Record row : table.rows(p)) {
            csv.printRecord(table.values(row));
        }
        csv.flush();
    }

    public static void xlsx(DistrictProblems.Problems p, Locale locale, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "GridLoop", "1.0");
        for (ProblemTable t : ProblemTable.values()) {
            sheet(wb, t, p, locale);
        }
        wb.finish();
    }

    /** One table as a sheet of a workbook: its rule on the first line, the column labels, then the rows. */
    static void sheet(Workbook wb, ProblemTable table, DistrictProblems.Problems p, Locale locale) throws IOException {
        Worksheet ws = wb.newWorksheet(table.label(locale));
        ws.value(0, 0, table.rule(locale) + " (" + p.from() + " ~ " + p.to() + ", "
                + Translations.translate("evaluation.previous", locale, p.previousFrom(), p.previousTo()) + ")");
        List<String> columns = table.columns();
        for (int c = 0; c < columns.size(); c++) {
            ws.value(1, c, ProblemTable.columnLabel(columns.get(c), locale));
        }
        int r = 2;
        for (Record row : table.rows(p)) {
            List<Object> values = table.values(row);
            for (int c = 0; c < values.size(); c++) {
                cell(ws, r, c, values.get(c));
            }
            if (++r % 1000 == 0) {
                ws.flush();
            }
        }
    }

    static void cell(Worksheet ws, int r, int c, Object v) {
        if (v instanceof Number n) {
            ws.value(r, c, n);
        } else if (v != null) {
            ws.value(r, c, v.toString());
        }
    }
}

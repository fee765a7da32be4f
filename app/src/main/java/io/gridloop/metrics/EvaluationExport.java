package io.gridloop.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The evaluation as CSV and Excel, row for row what the page and the API show (the total last), written straight to the
 * stream: CSV with the API's names as header, Excel with the labels in the reader's language and a second sheet giving
 * every figure's rule in words.
 */
public final class EvaluationExport {

    private EvaluationExport() {}

    private static List<Object> values(Evaluation.Row row) {
        return new ArrayList<>(row.asMap().values());
    }

    private static List<Evaluation.Row> rowsAndTotal(Evaluation e) {
        List<Evaluation.Row> all = new ArrayList<>(e.rows());
        all.add(e.total());
        return all;
    }

    /** UTF-8 with a byte-order mark, so that a spreadsheet opening it reads the Chinese names right. */
    public static void csv(Evaluation e, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT);
        csv.printRecord(e.total().asMap().keySet());
        for (Evaluation.Row row : rowsAndTotal(e)) {
            csv.printRecord(values(row));
        }
        csv.flush();
    }

    public static void xlsx(Evaluation e, Locale locale, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "GridLoop", "1.0");
        Worksheet ws = wb.newWorksheet(e.from() + " ~ " + e.to());
        List<Indicator> figures = Indicator.publishedFigures();
        ws.value(0, 0, io.gridloop.ui.Translations.translate("evaluation.unit." + e.unit().name(), locale));
        ws.value(0, 1, io.gridloop.ui.Translations.translate("evaluation.name", locale));
        for (int c = 0; c < figures.size(); c++) {
            ws.value(0, c + 2, figures.get(c).label(locale));
        }
        ws.style(0, 0).bold().set();
        int r = 1;
        for (Evaluation.Row row : rowsAndTotal(e)) {
            ws.value(r, 0, row.unit());
            ws.value(r, 1, row.name());
            for (int c = 0; c < figures.size(); c++) {
                Number v = row.get(figures.get(c));
                if (v != null) {
                    ws.value(r, c + 2, v);
                }
            }
            if (++r % 1000 == 0) {
                ws.flush();
            }
        }
        Worksheet rules = wb.newWorksheet(io.gridloop.ui.Translations.translate("evaluation.rules", locale));
        rules.value(0, 0, io.gridloop.ui.Translations.translate("evaluation.unit.label", locale));
        rules.value(0, 1, io.gridloop.ui.Translations.translate("evaluation.unit.rule", locale));
        int i = 1;
        for (Indicator indicator : Indicator.values()) {
            rules.value(i, 0, indicator.label(locale) + " (" + indicator.key() + ")");
            rules.value(i++, 1, indicator.rule(locale));
        }
        wb.finish();
    }
}

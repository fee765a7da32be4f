package io.gridloop.support;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.dom.Element;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an official reads on the current page, collected from the server-side component tree (Karibu): texts, labels,
 * helper and error texts, screen-reader labels, grid headers and rows, combo box and select items, notifications and the
 * page title; and a scan of that text for raw identifiers that must not reach an official.
 */
public final class RenderedText {

    private static final List<String> PROPERTIES = List.of("label", "helperText", "placeholder", "errorMessage", "title", "text",
            "accessibleName", "emptyStateText");
    private static final List<String> ATTRIBUTES = List.of("aria-label", "title");

    /** What may be ASCII on a page: case numbers, tracking codes, the product's and tools' names, the language switch. */
    private static final Pattern ALLOWED = Pattern.compile(
            "\\b\\d{4}-\\d{6}\\b|\\b[A-HJ-NP-Z2-9]{12}\\b|\\bGridLoop\\b|\\bCockpit\\b|\\bOpen311\\b|\\bCamunda\\b|\\bEnglish\\b"
            + "|\\bFixMyStreet\\b|\\bApp\\b");

    /** Raw identifiers, with the name the report gives them. */
    private static final List<Pattern> RAW = List.of(
            // enum names: DISTRICT, NOT_CONFIRMED, GRID_WORKER (the tracking code is allowed before this runs)
            Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b|\\b[A-Z]{4,}\\b"),
            // group ids: dept-roads, supervisor-S01, the bare role ids
            Pattern.compile("\\b(?:dept|supervisor|street)-\\w+|\\b(?:grid-worker|process-owner|camunda-admin)\\b|(?<![A-Za-z])supervisor(?![A-Za-z])"),
            // ISO-8601 durations: P3D, PT4H, P3DT4H
            Pattern.compile("\\bP(?=[0-9T])(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?\\b"),
            // the demo officials' login ids, where their names are known
            Pattern.compile("\\b(?:wangwei|lihua|lina|zhangmin|gaofei|liuyang|chenjing|zhaolei|sunli|zhoujie|qianfeng|xuli|hejun|wuqiang|housing1|police1)\\b"),
            // code lists in brackets: [roads], []
            Pattern.compile("\\[[^\\]]*]"),
            // a message key nobody translated
            Pattern.compile("![a-z]+(?:\\.[A-Za-z0-9_-]+)+"),
            // the same word twice in a row: "上报 · 上报"
            Pattern.compile("(?:^|\\s)(\\S+) · \\1(?=\\s|$)"),
            // a notification that stops at its colon: "已提交:"
            Pattern.compile("^" + RenderedText.TOAST + ".*[::]\\s*$"));
    /** In Chinese, any ASCII word at all that is not allowed above. */
    private static final Pattern ASCII_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** Marks a notification's text among the page's texts (a label may end in a colon, a notification may not). */
    public static final String TOAST = "〔通知〕";

    private RenderedText() {}

    /** Every text of the current UI, one string per piece. */
    public static List<String> ofCurrentPage() {
        Set<String> out = new LinkedHashSet<>();
        UI ui = UI.getCurrent();
        out.add(ui.getInternals().getTitle());
        ui.getChildren().forEach(c -> component(c, out));
        for (Notification n : NotificationsKt.getNotifications()) {
            Set<String> texts = new LinkedHashSet<>();
            component(n, texts);
            texts.stream().filter(t -> t != null && !t.isBlank()).forEach(t -> out.add(TOAST + t));
        }
        out.removeIf(s -> s == null || s.isBlank());
        return new ArrayList<>(out);
    }

    /** A component's own texts (its element and the plain elements under it), then its child components'. */
    private static void component(Component c, Set<String> out) {
        element(c.getElement(), out, true);
        if (c instanceof Grid<?> g) {
            for (Grid.Column<?> col : g.getColumns()) {
                out.add(col.getHeaderText());
            }
            int rows = Math.min(GridKt._size(g), 50);
            for (int i = 0; i < rows; i++) {
                for (String cell : GridKt._getFormattedRow(g, i)) {
                    out.add(cell(cell));
                }
            }
        } else if (c instanceof ComboBox<?> box) {
            out.addAll(ComboBoxKt.getSuggestions(box));
        } else if (c instanceof Select<?> select) {
            out.addAll(ComboBoxKt.getSuggestions(select));
        }
        c.getChildren().forEach(child -> component(child, out));
    }

    /** Karibu prints a component column's cell as "Span[text='…', @class='…']": what the official reads is the text. */
    private static String cell(String formatted) {
        if (!formatted.matches("(?s)[A-Z]\\w*\\[.*]")) {
            return formatted;
        }
        Matcher m = Pattern.compile("(?:text|label)='([^']*)'").matcher(formatted);
        List<String> texts = new ArrayList<>();
        while (m.find()) {
            texts.add(m.group(1));
        }
        return String.join(" ", texts);
    }

    private static void element(Element e, Set<String> out, boolean own) {
        if (!own && e.getComponent().isPresent()) {
            return;
        }
        if (e.isTextNode()) {
            out.add(e.getText());
            return;
        }
        for (String p : PROPERTIES) {
            Object v = e.getPropertyRaw(p);
            if (v instanceof String s) {
                out.add(s);
            }
        }
        for (String a : ATTRIBUTES) {
            out.add(e.getAttribute(a));
        }
        e.getChildren().forEach(child -> element(child, out, false));
    }

    /** The raw identifiers found in the texts: "text ← token" for each, empty when the page is clean. */
    public static List<String> rawIdentifiers(List<String> texts, boolean chinese) {
        return rawIdentifiers(texts, chinese, java.util.Set.of());
    }

    /** As above, with words a page may show beyond the allow-list (what an official typed, for example). */
    public static List<String> rawIdentifiers(List<String> texts, boolean chinese, Set<String> alsoAllowed) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            String rest = ALLOWED.matcher(text).replaceAll(" ");
            for (String word : alsoAllowed) {
                rest = rest.replace(word, " ");
            }
            for (Pattern p : RAW) {
                Matcher m = p.matcher(rest);
                while (m.find()) {
                    found.add(text + " ← " + m.group().strip());
                }
            }
            if (chinese) {
                Matcher m = ASCII_WORD.matcher(rest);
                while (m.find()) {
                    found.add(text + " ← " + m.group());
                }
            }
        }
        return found.stream().distinct().toList();
    }
}

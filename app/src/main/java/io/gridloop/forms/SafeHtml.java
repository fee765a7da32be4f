package io.gridloop.forms;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/** Markdown and HTML from forms, made safe to show: what a process owner typed can never run script in a browser. */
public final class SafeHtml {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).build();
    private static final Safelist SAFE = Safelist.relaxed().removeTags("img");

    private SafeHtml() {}

    public static String fromMarkdown(String markdown) {
        return clean(HTML.render(MARKDOWN.parse(markdown == null ? "" : markdown)));
    }

    public static String clean(String html) {
        return "<div>" + Jsoup.clean(html == null ? "" : html, SAFE) + "</div>";
    }
}

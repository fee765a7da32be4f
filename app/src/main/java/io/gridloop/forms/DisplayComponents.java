package io.gridloop.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Hr;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The form-js components that show something and submit nothing: text (markdown) and html with their templates, image,
 * separator, spacer, iframe, table; the (server-computed) expression; buttons, which submit or reset the form.
 */
final class DisplayComponents {

    private DisplayComponents() {}

    static Component text(FieldContext ctx, FormField f, boolean markdown) {
        Div holder = new Div();
        holder.addClassName("gl-form-text");
        String source = ctx.texts().text(f);
        Runnable render = () -> {
            String body = ctx.expressions().template(source, ctx.state().context());
            holder.removeAll();
            holder.add(new Html(markdown ? SafeHtml.fromMarkdown(body) : SafeHtml.clean(body)));
        };
        render.run();
        ctx.state().template(render);
        return holder;
    }

    static Component image(FieldContext ctx, FormField f) {
        String source = f.raw().path("source").asText("");
        String src = source.startsWith("=") ? String.valueOf(ctx.expressions().evaluate(source, ctx.state().context())) : source;
        String label = ctx.texts().label(f);
        Image img = new Image(src, f.raw().path("alt").asText(label == null ? "" : label));
        img.setMaxWidth("100%");
        return img;
    }

    static Component separator() {
        return new Hr();
    }

    static Component spacer(FormField f) {
        Div d = new Div();
        d.setHeight(f.raw().path("height").asInt(60) + "px");
        return d;
    }

    static Component iframe(FieldContext ctx, FormField f) {
        IFrame frame = new IFrame(f.raw().path("url").asText("about:blank"));
        frame.setSandbox(IFrame.SandboxType.ALLOW_SCRIPTS);
        frame.setWidth("100%");
        frame.setHeight(f.raw().path("height").asInt(300) + "px");
        return labelled(ctx, f, frame);
    }

    @SuppressWarnings("unchecked")
    static Component table(FieldContext ctx, FormField f) {
        Grid<Map<String, Object>> grid = new Grid<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        String source = f.raw().path("dataSource").asText(null);
        Object value = source == null ? null
                : source.startsWith("=") ? ctx.expressions().evaluate(source, ctx.state().context()) : ctx.data().get(source);
        if (value instanceof Collection<?> c) {
            c.forEach(r -> {
                if (r instanceof Map<?, ?> m) {
                    rows.add((Map<String, Object>) m);
                }
            });
        }
        JsonNode columns = f.raw().path("columns");
        if (columns.isArray() && !columns.isEmpty()) {
            for (JsonNode col : columns) {
                String key = col.path("key").asText();
                grid.addColumn(m -> String.valueOf(m.getOrDefault(key, ""))).setHeader(col.path("label").asText(key));
            }
        } else if (!rows.isEmpty()) {
            rows.get(0).keySet().forEach(key -> grid.addColumn(m -> String.valueOf(m.getOrDefault(key, ""))).setHeader(key));
        }
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        return labelled(ctx, f, grid);
    }

    static Component expression() {
        // computed on submit by the server from the other values; nothing to show
        Div d = new Div();
        d.setVisible(false);
        return d;
    }

    static Component button(FieldContext ctx, FormField f) {
        String label = ctx.texts().label(f);
        Button b = new Button(label == null ? "" : label);
        if ("reset".equals(f.raw().path("action").asText("submit"))) {
            b.addClickListener(e -> ctx.state().reset());
        } else {
            b.addThemeName("primary");
            b.addClickListener(e -> ctx.state().submit());
        }
        return b;
    }

    static Component unsupported(FieldContext ctx, FormField f) {
        Span s = new Span(ctx.translate("form.unsupported", f.type()));
        s.addClassName("gl-field-error");
        return s;
    }

    private static Component labelled(FieldContext ctx, FormField f, Component c) {
        Div box = new Div();
        String label = ctx.texts().label(f);
        if (label != null) {
            box.add(new Span(label));
        }
        box.add(c);
        return box;
    }
}

package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.timepicker.TimePicker;
import io.gridloop.ui.ComponentTexts;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** form-js {@code datetime} in its three subtypes (date, time, datetime), submitted as ISO text as form-js does. */
final class DateInputs {

    private DateInputs() {}

    static Component dateTime(FieldContext ctx, FormField f) {
        Object v = ctx.initial(f);
        String own = ctx.texts().label(f);
        String label = own != null ? own : f.raw().path("dateLabel").asText(null);
        switch (f.subtype()) {
            case "time" -> {
                TimePicker t = ComponentTexts.timePicker(new TimePicker());
                ctx.common(f, t);
                t.setLabel(f.raw().path("timeLabel").asText(label));
                if (v != null) {
                    t.setValue(LocalTime.parse(v.toString().length() > 8 ? v.toString().substring(0, 8) : v.toString()));
                }
                ctx.state().bind(f, t, () -> t.getValue() == null ? null : t.getValue().toString(), FieldContext.errors(t));
                return t;
            }
            case "datetime" -> {
                DateTimePicker t = ComponentTexts.dateTimePicker(new DateTimePicker());
                ctx.common(f, t);
                t.setLabel(label);
                if (v != null) {
                    t.setValue(LocalDateTime.parse(v.toString().replace("Z", "")));
                }
                ctx.state().bind(f, t, () -> t.getValue() == null ? null : t.getValue().toString(), FieldContext.errors(t));
                return t;
            }
            default -> {
                DatePicker t = ComponentTexts.datePicker(new DatePicker());
                ctx.common(f, t);
                t.setLabel(label);
                if (v != null) {
                    t.setValue(LocalDate.parse(v.toString().substring(0, 10)));
                }
                ctx.state().bind(f, t, () -> t.getValue() == null ? null : t.getValue().toString(), FieldContext.errors(t));
                return t;
            }
        }
    }
}

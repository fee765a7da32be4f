package io.gridloop.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import io.gridloop.casefile.CaseLabels;
import java.util.List;
import java.util.function.Consumer;

/** Asks to which colleague (one who may work the tasks) the selected tasks are handed over. */
class HandOverDialog extends Dialog {

    HandOverDialog(List<String> colleagues, CaseLabels labels, Consumer<String> chosen) {
        setHeaderTitle(getTranslation("inbox.handOver"));
        ComboBox<String> colleague = new ComboBox<>(getTranslation("inbox.handOver.to"));
        colleague.setItems(colleagues);
        colleague.setId("colleague");
        colleague.setItemLabelGenerator(u -> labels.person(u, getLocale()));
        Button ok = new Button(getTranslation("inbox.handOver"), e -> {
            if (colleague.getValue() != null) {
                close();
                chosen.accept(colleague.getValue());
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setId("hand-over-confirm");
        add(colleague);
        getFooter().add(ok);
    }
}

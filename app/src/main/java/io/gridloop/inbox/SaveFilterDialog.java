package io.gridloop.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;

/** Asks the name under which the inbox's filters, as they stand, are saved. */
class SaveFilterDialog extends Dialog {

    SaveFilterDialog(Consumer<String> named) {
        setHeaderTitle(getTranslation("inbox.saveFilter"));
        TextField name = new TextField(getTranslation("inbox.saveFilter.name"));
        name.setMaxLength(100);
        Button ok = new Button(getTranslation("inbox.saveFilter"), e -> {
            if (!name.getValue().isBlank()) {
                named.accept(name.getValue());
                close();
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(name);
        getFooter().add(ok);
    }
}

package io.gridloop.citizen;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.TextArea;
import io.gridloop.casefile.CaseRecord;
import java.util.List;

/** The citizen's rating of their case: 满意 / 基本满意 / 不满意 with a comment, sent once. */
public class RatingForm extends Div {

    final RadioButtonGroup<String> rating = new RadioButtonGroup<>();
    final TextArea comment = new TextArea();
    final Button send = new Button();
    final Paragraph error = new Paragraph();

    public RatingForm(CitizenRatings ratings, CaseRecord c, CitizenRatings.Via via) {
        setId("rating-form");
        addClassName("gl-rating");
        rating.setLabel(getTranslation("rating.question"));
        rating.setItems(List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"));
        rating.setItemLabelGenerator(v -> getTranslation("decision." + v));
        rating.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        rating.setId("rating");
        comment.setLabel(getTranslation("rating.comment"));
        comment.setMaxLength(CitizenRatings.MAX_COMMENT);
        comment.setWidthFull();
        comment.setId("rating-comment");
        rating.addValueChangeListener(e -> comment.setRequired("DISSATISFIED".equals(e.getValue())));
        error.setId("rating-error");
        error.addClassName("gl-field-error");
        error.setVisible(false);
        send.setText(getTranslation("rating.send"));
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setWidthFull();
        send.setId("rating-send");
        send.addClickListener(e -> {
            try {
                ratings.rate(c, rating.getValue(), comment.getValue(), via);
            } catch (CitizenRefusedException refused) {
                error.setText(getTranslation(refused.messageKey(), refused.args()));
                error.setVisible(true);
                return;
            }
            removeAll();
            Paragraph thanks = new Paragraph(getTranslation("rating.thanks"));
            thanks.setId("rating-done");
            add(thanks);
        });
        add(new H3(getTranslation("rating.title")), rating, comment, error, send);
    }
}

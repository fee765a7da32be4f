package io.gridloop.casefile;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * What another module adds under a case on the tracking page (the citizen's rating form): a new component for each
 * showing, or nothing for this case.
 */
public interface TrackPanel {

    Optional<Component> panel(CaseRecord c);
}

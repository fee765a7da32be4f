package io.gridloop.ui;

import io.gridloop.security.Official;
import java.util.List;

/**
 * Something a feature wants an official to see in the frame of every page (e.g. a missing holiday calendar), so that
 * the layout shows it without knowing the feature.
 */
public interface LayoutAlerts {

    /** A message key and its arguments. */
    record Alert(String messageKey, Object... args) {}

    List<Alert> alertsFor(Official official);
}

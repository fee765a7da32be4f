package io.gridloop.ui;

import io.gridloop.security.Official;
import java.util.List;

/**
 * Something a feature wants an official to see in the frame of every page (e.g. a missing holiday calendar), so that
 * the layout shows it without knowing the feature.
 */
public interface LayoutNotices {

    /** A message key and its arguments. */
    record Notice(String messageKey, Object... args) {}

    List<Notice> noticesFor(Official official);
}

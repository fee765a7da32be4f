package io.gridloop.duplicate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How near and how recent an open case must be to be a likely duplicate of a report, under {@code gridloop.duplicates}.
 * Defaults from practice: 100 metres and 7 days (the same problem reported again by another passer-by that week).
 *
 * @param radiusMetres the distance between the two points
 * @param window       how long before the report the other case was reported
 * @param limit        how many likely duplicates are shown at most
 */
@ConfigurationProperties("gridloop.duplicates")
public record DuplicateSettings(Double radiusMetres, Duration window, Integer limit) {

    public DuplicateSettings {
        radiusMetres = radiusMetres == null || radiusMetres <= 0 ? 100.0 : radiusMetres;
        window = window == null || window.isNegative() || window.isZero() ? Duration.ofDays(7) : window;
        limit = limit == null || limit < 1 ? 10 : limit;
    }

    public static DuplicateSettings defaults() {
        return new DuplicateSettings(null, null, null);
    }
}

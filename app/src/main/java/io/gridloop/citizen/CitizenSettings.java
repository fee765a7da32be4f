package io.gridloop.citizen;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridloop.citizen.*}: the citizens' pages.
 *
 * @param maxPhotos            photos a citizen's report takes (at most intake's own limit)
 * @param reportsPerClientHour reports a client address may send in an hour ({@link CitizenLimits})
 * @param reportsPerContactDay reports a phone number or e-mail address may send in a day
 * @param ratingWithin         the working time the citizen has to rate a handled case, an ISO duration; after it the
 *                             callback asks
 */
@ConfigurationProperties("gridloop.citizen")
public record CitizenSettings(@DefaultValue("3") int maxPhotos, @DefaultValue("10") int reportsPerClientHour,
                              @DefaultValue("5") int reportsPerContactDay, @DefaultValue("P3D") String ratingWithin) {}

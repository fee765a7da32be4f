package io.gridloop.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code gridloop.working-time.*}: {@code periods}, the working hours of a working day (工作时), in the district's zone. */
@ConfigurationProperties("gridloop.working-time")
public record WorkingTimeSettings(@DefaultValue("08:30-12:00,13:30-17:30") String periods) {}

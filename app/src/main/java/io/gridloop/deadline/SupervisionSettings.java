package io.gridloop.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code gridloop.supervision.*}: {@code answer-within}, the working days the addressee of a supervision order has to answer it. */
@ConfigurationProperties("gridloop.supervision")
public record SupervisionSettings(@DefaultValue("P1D") String answerWithin) {}

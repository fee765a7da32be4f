package io.gridloop.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code gridloop.deadline.*}: {@code warning-share}, the share of a step's working time after which it is warned (预警). */
@ConfigurationProperties("gridloop.deadline")
public record DeadlineSettings(@DefaultValue("0.8") double warningShare) {}

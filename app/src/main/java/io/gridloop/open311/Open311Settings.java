package io.gridloop.open311;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code gridloop.open311.*}: {@code calls-per-minute} each API key may make (over it: 429). */
@ConfigurationProperties("gridloop.open311")
public record Open311Settings(@DefaultValue("120") int callsPerMinute) {}

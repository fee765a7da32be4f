package io.gridloop.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridloop.demo-history.*}: the demo history written once into an empty database ({@code enabled} is read by
 * {@link DemoHistory}'s condition).
 *
 * @param cases how many cases it writes
 * @param seed  its random numbers' seed, so that every embedded start lives the same year
 */
@ConfigurationProperties("gridloop.demo-history")
public record DemoHistorySettings(@DefaultValue("5000") int cases, @DefaultValue("20261126") long seed) {}

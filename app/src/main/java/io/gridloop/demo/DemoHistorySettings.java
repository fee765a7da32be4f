package io.gridloop.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridloop.demo-history.*}: the demo history written once into an empty database ({@code enabled} is read by
 * {@link DemoHistory}'s condition).
 *
 * @param cases how many cases it writes
 * @param seed  its random numbers' seed, so that every embedded start lives the same year
 * @param open  how many of them it keeps open now in the loop's waiting steps (most in handling, some in every other
 *              step, fresh, in warning or overdue), beside those whose last step simply is not done yet
 */
@ConfigurationProperties("gridloop.demo-history")
public record DemoHistorySettings(@DefaultValue("5000") int cases, @DefaultValue("20261126") long seed, @DefaultValue("280") int open) {}

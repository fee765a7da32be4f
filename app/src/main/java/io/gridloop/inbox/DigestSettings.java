package io.gridloop.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridloop.digest.*}: the digest of new tasks ({@link TaskDigest}).
 *
 * @param interval the period one digest covers: an official gets at most one per period
 * @param poll     how often a node looks for a finished period to send
 */
@ConfigurationProperties("gridloop.digest")
public record DigestSettings(@DefaultValue("PT30M") Duration interval, @DefaultValue("PT1M") Duration poll) {}

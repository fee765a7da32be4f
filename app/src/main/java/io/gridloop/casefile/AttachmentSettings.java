package io.gridloop.casefile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridloop.attachments.*}: the photos a report or a task takes ({@link Attachments}).
 *
 * @param maxBytes  the largest photo, in bytes (10 MB)
 * @param maxPixels a photo's width × height, read from its header before decoding (a 40-megapixel photo decodes to
 *                  about 160 MB)
 */
@ConfigurationProperties("gridloop.attachments")
public record AttachmentSettings(@DefaultValue("10485760") long maxBytes, @DefaultValue("40000000") long maxPixels) {}

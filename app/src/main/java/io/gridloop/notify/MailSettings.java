package io.gridloop.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridloop.mail.*}: how the outbox's mail is sent ({@link OutboxSender}); set {@code spring.mail.host} to send any.
 *
 * @param from        the sender of every mail
 * @param poll        how often the outbox is read for mail that is due
 * @param retryBase   the first wait after a failed send; it doubles with each failure
 * @param maxAttempts the sends tried before a mail is given up (it stays in 消息)
 */
@ConfigurationProperties("gridloop.mail")
public record MailSettings(@DefaultValue("gridloop@localhost") String from, @DefaultValue("PT10S") Duration poll,
                           @DefaultValue("PT30S") Duration retryBase, @DefaultValue("10") int maxAttempts) {}

package io.gridloop.notify;

import java.time.OffsetDateTime;

/** A message in the outbox: to one official, by mail when SMTP is set up and the official has an address, else in the app. */
public record OutboxMessage(long id, String eventKey, String recipient, String email, String subject, String body, String link,
                            OffsetDateTime createdAt, Status status, int attempts, OffsetDateTime sentAt, String lastError) {

    public enum Status {
        /** waiting for the sender job */
        PENDING,
        /** mailed */
        SENT,
        /** kept for the app only: no SMTP server configured, or no address */
        IN_APP,
        /** gave up after the last retry */
        FAILED
    }
}

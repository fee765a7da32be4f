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

    /** Where the English text of a message's body begins (the mail carries both languages). */
    public static final String ENGLISH_PART = "\n\n———— English ————\n";

    /** The body in one language, without the case link (the app offers it apart), for reading in 消息. */
    public String bodyIn(java.util.Locale locale) {
        String text = body == null ? "" : body;
        int english = text.indexOf(ENGLISH_PART);
        if (english >= 0) {
            if (java.util.Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
                text = text.substring(english + ENGLISH_PART.length());
                int footer = text.lastIndexOf("\n\n");
                text = footer > 0 ? text.substring(0, footer) : text;
                // the English part repeats the subject on its first line
                int firstLine = text.indexOf('\n');
                text = firstLine >= 0 ? text.substring(firstLine + 1) : text;
            } else {
                text = text.substring(0, english);
            }
        }
        return (link == null ? text : text.replace(link, "")).strip();
    }
}

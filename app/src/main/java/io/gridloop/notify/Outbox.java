package io.gridloop.notify;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: notifications are written in the same transaction as the event that causes them, one row
 * per event and recipient (so an event never notifies anyone twice), and sent later by {@link OutboxSender}. Texts come
 * from {@code i18n/mail*.properties}: Chinese first, English below.
 */
@Service
public class Outbox {

    private static final String BUNDLE = "i18n/mail";

    private final JdbcClient jdbc;
    private final IdentityService identity;
    private final Clock clock;
    private final boolean smtp;
    private final String baseUrl;

    public Outbox(JdbcClient jdbc, IdentityService identity, Clock clock, ObjectProvider<JavaMailSender> mail,
                  @Value("${gridloop.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.clock = clock;
        this.smtp = mail.getIfAvailable() != null;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Queues a message to every member of a group; returns how many were queued (repeats of an event queue none). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int toGroup(String eventKey, String groupId, String template, String link, Object... args) {
        List<String> members = identity.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).toList();
        return toUsers(eventKey, members, template, link, args);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public int toUsers(String eventKey, Collection<String> users, String template, String link, Object... args) {
        int queued = 0;
        for (String user : new LinkedHashSet<>(users)) {
            User u = identity.createUserQuery().userId(user).singleResult();
            queued += queue(eventKey, user, u == null ? null : u.getEmail(), template, link, args);
        }
        return queued;
    }

    /** Queues a message to an address that belongs to no official (a citizen who reported a case). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int toAddress(String eventKey, String email, String template, String link, Object... args) {
        return queue(eventKey, "mailto:" + email, email, template, link, args);
    }

    private int queue(String eventKey, String recipient, String email, String template, String link, Object... args) {
        boolean exists = jdbc.sql("select count(*) from gl_outbox where event_key = :e and recipient = :r")
                .param("e", eventKey).param("r", recipient).query(Long.class).single() > 0;
        if (exists) {
            return 0;
        }
        String url = link == null ? null : link.startsWith("http") ? link : baseUrl + link;
        String subject = text(template + ".subject", Locale.ROOT, args);
        String body = text(template + ".body", Locale.ROOT, args) + (url == null ? "" : "\n\n" + url)
                + "\n\n———— English ————\n" + text(template + ".subject", Locale.ENGLISH, args) + "\n"
                + text(template + ".body", Locale.ENGLISH, args) + "\n\n" + text("mail.footer", Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean mailable = smtp && email != null && !email.isBlank();
        jdbc.sql("""
                insert into gl_outbox (event_key, recipient, email, subject, body, link, created_at, status, next_attempt_at)
                values (:e, :r, :email, :subject, :body, :link, :now, :status, :now)""")
                .param("e", eventKey)
                .param("r", recipient)
                .param("email", email)
                .param("subject", subject)
                .param("body", body.length() > 8000 ? body.substring(0, 8000) : body)
                .param("link", url)
                .param("now", now)
                .param("status", (mailable ? OutboxMessage.Status.PENDING : OutboxMessage.Status.IN_APP).name())
                .update();
        return 1;
    }

    /** A text of the mail bundle in Chinese, for arguments such as a step's name. */
    public static String label(String key) {
        return text(key, Locale.ROOT);
    }

    static String text(String key, Locale locale, Object... args) {
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern = b.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), locale).format(args);
    }

    /** An official's messages, newest first. */
    @Transactional(readOnly = true)
    public List<OutboxMessage> of(String recipient, int limit) {
        return jdbc.sql("select * from gl_outbox where recipient = :r order by created_at desc, id desc limit " + Math.max(1, limit))
                .param("r", recipient).query(OutboxSender::map).list();
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> all(int limit) {
        return jdbc.sql("select * from gl_outbox order by created_at desc, id desc limit " + Math.max(1, limit)).query(OutboxSender::map).list();
    }
}

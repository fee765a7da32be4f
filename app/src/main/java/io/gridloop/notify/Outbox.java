package io.gridloop.notify;

import io.gridloop.system.Rows;
import java.time.Clock;
import java.time.OffsetDateTime;
import io.gridloop.system.Messages;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: notifications are written in the same transaction as the event that causes them, one row
 * per event and recipient (so an event never notifies anyone twice), and sent later by {@link OutboxSender}. Texts come
 * from the one MessageSource ({@link Messages}, keys {@code mail.*}): Chinese first, English below. A message about a case goes only to the officials
 * whose {@link AccessScope} lets them work that case's step there (a grid worker of its grid, a street's intake for its
 * street, a department's handlers …): the inbox's rule, applied to every group fan-out.
 */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final IdentityService identity;
    private final Clock clock;
    private final boolean smtp;
    private final String baseUrl;
    private final AccessScopes scopes;

    public Outbox(JdbcClient jdbc, IdentityService identity, Clock clock, ObjectProvider<JavaMailSender> mail, AccessScopes scopes,
                  io.gridloop.system.GridLoopSettings settings) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.identity = identity;
        this.clock = clock;
        this.smtp = mail.getIfAvailable() != null;
        String baseUrl = settings.baseUrl() == null ? "http://localhost:8080" : settings.baseUrl();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The case a message is about: its number (for the link) and the facts an official's scope is checked against. */
    public record About(String caseNumber, String streetCode, String gridCode, String departmentCode, List<String> coDepartments,
                        String reportedBy) {

        String link() {
            return "/case/" + caseNumber;
        }
    }

    /** A text of the mail bundle, resolved in each language of the message (a step's name, a level, a title). */
    public record Label(String key, Object... args) {}

    /** A text given in both languages (a category's name from the reference data). */
    public record Localized(String zh, String en) implements io.gridloop.system.Messages.Localized {
        @Override
        public String in(Locale locale) {
            return Locale.ENGLISH.getLanguage().equals(locale == null ? null : locale.getLanguage()) ? en : zh;
        }
    }

    /**
     * The members of a group who may be told about a case: those who may work the case's step there and see the case —
     * the same {@link AccessScope} rule as the inbox's.
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public List<String> mayBeTold(String groupId, About about) {
        return audience().mayBeTold(groupId, about);
    }

    /** {@link #mayBeTold} for many messages at once (a digest): each group's members and each official's scope read once. */
    public Audience audience() {
        return new Audience();
    }

    public final class Audience {

        private final Map<String, List<String>> members = new HashMap<>();
        private final Map<String, AccessScope> scopeOf = new HashMap<>();

        private Audience() {}

        public List<String> mayBeTold(String groupId, About about) {
            return members.computeIfAbsent(groupId, g -> identity.createUserQuery().memberOfGroup(g).list().stream().map(User::getId)
                            .toList()).stream()
                    .filter(u -> {
                        AccessScope scope = scopeOf.computeIfAbsent(u, scopes::ofUser);
                        return scope.mayWorkTask(groupId, about.streetCode(), about.gridCode()) && sees(scope, about);
                    })
                    .toList();
        }
    }

    private static boolean sees(AccessScope scope, About about) {
        return scope.seesCase(about.streetCode(), about.gridCode(), about.departmentCode(), about.coDepartments(), about.reportedBy());
    }

    /**
     * Queues a message about a case to the members of a group who may work it there ({@link #mayBeTold}); returns how
     * many were queued (repeats of an event queue none).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int toGroup(String eventKey, String groupId, About about, String template, Object... args) {
        return queueAll(eventKey, mayBeTold(groupId, about), about.caseNumber(), template, about.link(), args);
    }

    /** Queues a message about a case to named officials, those of them whose scope sees the case. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int toUsers(String eventKey, Collection<String> users, About about, String template, Object... args) {
        List<String> seeing = users.stream().filter(u -> sees(scopes.ofUser(u), about)).toList();
        return queueAll(eventKey, seeing, about.caseNumber(), template, about.link(), args);
    }

    /** Queues a message about no single case (a digest) to named officials. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int toUsers(String eventKey, Collection<String> users, String template, String link, Object... args) {
        return queueAll(eventKey, users, null, template, link, args);
    }

    /**
     * Queues a message about no single case to named officials with a file of {@code gl_outbox_file} attached to the mail
     * (the monthly report's workbook), stored once under its key in the same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int toUsersWithFile(String eventKey, Collection<String> users, String template, String link, String fileKey, Object... args) {
        int queued = 0;
        for (String user : new LinkedHashSet<>(users)) {
            User u = identity.createUserQuery().userId(user).singleResult();
            queued += queue(eventKey, user, u == null ? null : u.getEmail(), null, template, link, fileKey, args);
        }
        return queued;
    }

    private int queueAll(String eventKey, Collection<String> users, String caseNumber, String template, String link, Object... args) {
        int queued = 0;
        for (String user : new LinkedHashSet<>(users)) {
            User u = identity.createUserQuery().userId(user).singleResult();
            queued += queue(eventKey, user, u == null ? null : u.getEmail(), caseNumber, template, link, null, args);
        }
        return queued;
    }

    /** Queues a message to an address that belongs to no official (a citizen who reported a case). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int toAddress(String eventKey, String email, String template, String link, Object... args) {
        return queue(eventKey, "mailto:" + email, email, null, template, link, null, args);
    }

    private int queue(String eventKey, String recipient, String email, String caseNumber, String template, String link,
                      String fileKey, Object... args) {
        boolean exists = jdbc.sql("select count(*) from gl_outbox where event_key = :e and recipient = :r")
                .param("e", eventKey).param("r", recipient).query(Long.class).single() > 0;
        if (exists) {
            return 0;
        }
        String url = link == null ? null : link.startsWith("http") ? link : baseUrl + link;
        String subject = text(template + ".subject", Locale.ROOT, args);
        String body = text(template + ".body", Locale.ROOT, args) + (url == null ? "" : "\n\n" + url)
                + OutboxMessage.ENGLISH_PART + text(template + ".subject", Locale.ENGLISH, args) + "\n"
                + text(template + ".body", Locale.ENGLISH, args) + "\n\n" + text("mail.footer", Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean mailable = smtp && email != null && !email.isBlank();
        jdbc.sql("""
                insert into gl_outbox (event_key, recipient, email, subject, body, link, created_at, status, next_attempt_at,
                  case_number, file_key)
                values (:e, :r, :email, :subject, :body, :link, :now, :status, :now, :case, :file)""")
                .param("case", caseNumber)
                .param("file", fileKey)
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

    /** A text of the mail bundle in a language: Chinese for any but English. */
    public static String label(String key, Locale locale) {
        return text(key, Locale.ENGLISH.equals(locale) ? Locale.ENGLISH : Locale.ROOT);
    }

    /**
     * A text in a language, its arguments' labels resolved in the same language. A page's text that mail words otherwise
     * (a step's name inside a sentence, in lower case) has its mail wording under {@code mail.<key>}.
     */
    static String text(String key, Locale locale, Object... args) {
        Object[] resolved = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            resolved[i] = args[i] instanceof Label l ? text(l.key(), locale, l.args())
                    : args[i] instanceof Localized t ? (Locale.ENGLISH.equals(locale) ? t.en() : t.zh())
                    : args[i] == null ? "" : args[i];
        }
        String own = key.startsWith("mail.") ? key : "mail." + key;
        return Messages.text(Messages.has(own) ? own : key, locale, resolved);
    }

    /** An official's messages, newest first, as they were queued. */
    @Transactional(readOnly = true)
    public List<OutboxMessage> of(String recipient, int limit) {
        return jdbc.sql("select * from gl_outbox where recipient = :r order by created_at desc, id desc limit " + Math.max(1, limit))
                .param("r", recipient).query(Rows.of(OutboxMessage.class)).list();
    }

    /**
     * An official's own messages as 消息 shows them (everyone, administrators too, reads only their own): a message's
     * link to its case, in the link and in the text, only while the official's scope sees that case.
     */
    @Transactional(readOnly = true)
    public List<OutboxMessage> of(AccessScope scope, int limit) {
        Map<String, Object> p = new HashMap<>();
        String seen = "o.case_number is null or o.case_number in (select case_number from gl_case where " + scope.caseFilter(p) + ")";
        var spec = jdbc.sql("select o.*, case when " + seen + " then 1 else 0 end as case_seen from gl_outbox o where o.recipient = :r "
                + "order by o.created_at desc, o.id desc limit " + Math.max(1, limit)).param("r", scope.userId());
        p.forEach(spec::param);
        return spec.query((rs, n) -> {
            OutboxMessage m = OutboxSender.map(rs, n);
            if (rs.getInt("case_seen") == 1 || m.link() == null) {
                return m;
            }
            return new OutboxMessage(m.id(), m.eventKey(), m.recipient(), m.email(), m.subject(), m.body().replace(m.link(), ""), null,
                    m.createdAt(), m.status(), m.attempts(), m.sentAt(), m.lastError());
        }).list();
    }
}

package io.gridloop.notify;

import io.gridloop.system.Rows;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox by SMTP: claims a due message (so two nodes never send the same one), sends it, marks it sent; when
 * the server is down it backs off (doubling from {@code gridloop.mail.retry-base}) and tries again, up to
 * {@code gridloop.mail.max-attempts}. Without an SMTP server nothing is queued for it.
 */
@Component
public class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;
    private final String from;
    private final Duration retryBase;
    private final int maxAttempts;

    public OutboxSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> mail, Clock clock,
                        MailSettings settings) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.clock = clock;
        this.from = settings.from();
        this.retryBase = settings.retryBase();
        this.maxAttempts = settings.maxAttempts();
    }

    /** Every {@code gridloop.mail.poll}. */
    @Bean
    static SchedulingConfigurer mailSchedule(ObjectProvider<OutboxSender> sender, MailSettings settings) {
        return tasks -> tasks.addFixedDelayTask(new FixedDelayTask(() -> sender.getObject().scheduled(), settings.poll(), settings.poll()));
    }

    public void scheduled() {
        if (mail.getIfAvailable() != null) {
            sendDue();
        }
    }

    /** Sends what is due now; returns how many were sent. */
    public int sendDue() {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> due = jdbc.sql("""
                select id from gl_outbox where status = 'PENDING' and next_attempt_at <= :now
                and (claimed_until is null or claimed_until < :now) order by id limit 100""")
                .param("now", now).query(Long.class).list();
        int sent = 0;
        for (long id : due) {
            int claimed = jdbc.sql("""
                    update gl_outbox set claimed_until = :until where id = :id and status = 'PENDING'
                    and (claimed_until is null or claimed_until < :now)""")
                    .param("until", now.plusMinutes(2)).param("id", id).param("now", now).update();
            if (claimed == 0) {
                continue;
            }
            OutboxMessage m = jdbc.sql("select * from gl_outbox where id = :id").param("id", id).query(Rows.of(OutboxMessage.class)).single();
            try {
                MimeMessage message = sender.createMimeMessage();
                // a file of gl_outbox_file named by the message (the monthly report) goes with it as an attachment
                List<java.util.Map<String, Object>> files = jdbc.sql("""
                        select f.file_name, f.content_type, f.content from gl_outbox o join gl_outbox_file f on f.file_key = o.file_key
                        where o.id = :id""").param("id", id).query().listOfRows();
                MimeMessageHelper h = new MimeMessageHelper(message, !files.isEmpty(), StandardCharsets.UTF_8.name());
                h.setFrom(from);
                h.setTo(m.email());
                h.setSubject(m.subject());
                h.setText(m.body());
                for (var f : files) {
                    h.addAttachment((String) f.get("file_name"),
                            new org.springframework.core.io.ByteArrayResource((byte[]) f.get("content")), (String) f.get("content_type"));
                }
                message.setHeader("X-GridLoop-Event", m.eventKey());
                sender.send(message);
                jdbc.sql("update gl_outbox set status = 'SENT', sent_at = :now, attempts = attempts + 1, claimed_until = null where id = :id")
                        .param("now", OffsetDateTime.now(clock)).param("id", id).update();
                sent++;
            } catch (RuntimeException | jakarta.mail.MessagingException e) {
                int attempts = m.attempts() + 1;
                boolean giveUp = attempts >= maxAttempts;
                Duration wait = retryBase.multipliedBy(1L << Math.min(attempts - 1, 10));
                LOG.warn("Mail {} to {} failed (attempt {}): {}", id, m.email(), attempts, e.getMessage());
                jdbc.sql("""
                        update gl_outbox set attempts = :a, status = :s, next_attempt_at = :next, claimed_until = null,
                        last_error = :err where id = :id""")
                        .param("a", attempts)
                        .param("s", giveUp ? "FAILED" : "PENDING")
                        .param("next", now.plus(wait))
                        .param("err", String.valueOf(e.getMessage()).substring(0, Math.min(900, String.valueOf(e.getMessage()).length())))
                        .param("id", id)
                        .update();
            }
        }
        return sent;
    }

    /** A gl_outbox row as its record, mapped by column name. */
    private static final org.springframework.jdbc.core.RowMapper<OutboxMessage> ROW =
            new org.springframework.jdbc.core.SimplePropertyRowMapper<>(OutboxMessage.class);

    static OutboxMessage map(ResultSet rs, int n) throws SQLException {
        return ROW.mapRow(rs, n);
    }
}

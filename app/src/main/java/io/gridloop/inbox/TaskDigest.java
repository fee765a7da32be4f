package io.gridloop.inbox;

import io.gridloop.notify.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * New tasks are told as a digest, one message per official per period ({@code gridloop.digest.interval}, default 30
 * minutes), not a mail per task; whichever node first claims a period sends it.
 */
@Component
public class TaskDigest {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration interval;

    public TaskDigest(JdbcClient jdbc, Outbox outbox, Clock clock,
                      DigestSettings settings) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.interval = settings.interval();
    }

    /** Every {@code gridloop.digest.poll}, through the bean (so in a transaction). */
    @Bean
    static SchedulingConfigurer digestSchedule(ObjectProvider<TaskDigest> digest, DigestSettings settings) {
        return tasks -> tasks.addFixedDelayTask(new FixedDelayTask(() -> digest.getObject().scheduled(), settings.poll(), settings.poll()));
    }

    @Transactional
    public void scheduled() {
        run();
    }

    /** Sends the digest of the last finished period, once; returns how many officials were told (0 when already sent). */
    @Transactional
    public int run() {
        long step = interval.toSeconds();
        long now = Instant.now(clock).getEpochSecond();
        OffsetDateTime end = OffsetDateTime.ofInstant(Instant.ofEpochSecond(now - now % step), ZoneOffset.UTC);
        OffsetDateTime start = end.minus(interval);
        try {
            jdbc.sql("insert into gl_digest_run (period_start, ran_at) values (:s, :now)").param("s", start)
                    .param("now", OffsetDateTime.now(clock)).update();
        } catch (DuplicateKeyException e) {
            return 0;
        }
        Map<String, List<String>> byUser = new TreeMap<>();
        Outbox.Audience audience = outbox.audience();
        List<String[]> rows = jdbc.sql("""
                select t.case_number, t.task_name, t.candidate_group, t.assignee, t.street_code, t.grid_code, c.department_code,
                  c.id, c.reported_by, t.due_at
                from gl_inbox_task t join gl_case c on c.id = t.case_id
                where (t.created_at >= :s and t.created_at < :e) or (t.assigned_at >= :s and t.assigned_at < :e)
                order by t.created_at""")
                .param("s", start).param("e", end)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), due(rs.getObject(10, OffsetDateTime.class))})
                .list();
        Map<String, List<String>> coDepartments = new HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("select case_id, department_code from gl_case_co_department where case_id in (:ids) order by department_code")
                    .param("ids", rows.stream().map(t -> Long.valueOf(t[7])).distinct().toList())
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                    .forEach(e -> coDepartments.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        rows.forEach(t -> {
                    // 案件 2026-000123 · 派遣 · 2026-11-24 09:00, the due date in the district's time
                    String line = t[0] + " · " + (t[1] == null ? "" : t[1]) + (t[9] == null ? "" : " · " + t[9]);
                    // a group task goes to the members the outbox may tell about it (a grid worker of its grid, a street's
                    // dispatcher …): the one rule every message obeys
                    List<String> to = t[3] != null ? List.of(t[3]) : t[2] == null ? List.of()
                            : audience.mayBeTold(t[2], new Outbox.About(t[0], t[4], t[5], t[6],
                            coDepartments.getOrDefault(t[7], List.of()), t[8]));
                    to.forEach(u -> byUser.computeIfAbsent(u, k -> new ArrayList<>()).add(line));
                });
        byUser.forEach((user, lines) -> outbox.toUsers("digest:" + start.toInstant() + ":" + user, List.of(user), "mail.digest",
                "/", lines.size(), String.join("\n", lines.subList(0, Math.min(50, lines.size())))));
        return byUser.size();
    }

    private String due(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(clock.getZone()).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }
}

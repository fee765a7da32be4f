package io.gridloop.inbox;

import io.gridloop.notify.Outbox;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * New tasks are told as a digest, one message per official per period ({@code gridloop.digest.interval}, default 30
 * minutes), not a mail per task; whichever node first claims a period sends it.
 */
@Component
public class TaskDigest {

    private final JdbcClient jdbc;
    private final IdentityService identity;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration interval;
    private final AccessScopes scopes;

    public TaskDigest(JdbcClient jdbc, IdentityService identity, Outbox outbox, Clock clock, AccessScopes scopes,
                      @Value("${gridloop.digest.interval:PT30M}") Duration interval) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.outbox = outbox;
        this.clock = clock;
        this.interval = interval;
        this.scopes = scopes;
    }

    @Scheduled(fixedDelayString = "${gridloop.digest.poll:PT1M}", initialDelayString = "${gridloop.digest.poll:PT1M}")
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
        Map<String, List<String>> groupMembers = new LinkedHashMap<>();
        Map<String, AccessScope> scopeOf = new HashMap<>();
        jdbc.sql("""
                select case_number, task_name, candidate_group, assignee, street_code, grid_code from gl_inbox_task
                where (created_at >= :s and created_at < :e) or (assigned_at >= :s and assigned_at < :e) order by created_at""")
                .param("s", start).param("e", end)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)})
                .list()
                .forEach(t -> {
                    String line = t[0] + " " + (t[1] == null ? "" : t[1]);
                    // a group task goes to the members who may work it (a grid worker of its grid, a street's dispatcher …)
                    List<String> to = t[3] != null ? List.of(t[3]) : t[2] == null ? List.of()
                            : groupMembers.computeIfAbsent(t[2], g -> identity.createUserQuery().memberOfGroup(g).list().stream()
                                    .map(u -> u.getId()).toList()).stream()
                                    .filter(u -> scopeOf.computeIfAbsent(u, scopes::ofUser).mayWorkTask(t[2], t[4], t[5]))
                                    .toList();
                    to.forEach(u -> byUser.computeIfAbsent(u, k -> new ArrayList<>()).add(line));
                });
        byUser.forEach((user, lines) -> outbox.toUsers("digest:" + start.toInstant() + ":" + user, List.of(user), "mail.digest",
                "/", lines.size(), String.join("\n", lines.subList(0, Math.min(50, lines.size())))));
        return byUser.size();
    }
}

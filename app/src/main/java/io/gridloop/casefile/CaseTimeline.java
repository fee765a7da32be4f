package io.gridloop.casefile;

import io.gridloop.system.Rows;
import io.gridloop.security.AccessScope;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A case's timeline (who did what, when) and its photos: written once, never changed (see the PostgreSQL trigger). */
@Service
@Transactional
public class CaseTimeline {

    private final JdbcClient jdbc;
    private final CaseRows rows;
    private final Clock clock;

    public CaseTimeline(JdbcClient jdbc, CaseRows rows, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
    }

    public long addTimeline(long caseId, String actor, String step, TimelineAction action, String decision, String comment,
                            String details, List<NewAttachment> attachments) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into gl_timeline (case_id, at, actor, step, action, decision, comment, details)
                values (:case, :at, :actor, :step, :action, :decision, :comment, :details)""")
                .param("case", caseId)
                .param("at", now)
                .param("actor", actor)
                .param("step", step)
                .param("action", action.name())
                .param("decision", decision)
                .param("comment", comment)
                .param("details", details)
                .update(keys, "id");
        long entryId = keys.getKeyAs(Number.class).longValue();
        for (NewAttachment a : attachments) {
            jdbc.sql("""
                    insert into gl_attachment (case_id, timeline_id, field_key, file_name, content_type, size_bytes, content,
                      uploaded_by, uploaded_at)
                    values (:case, :entry, :key, :name, :type, :size, :content, :by, :at)""")
                    .param("case", caseId)
                    .param("entry", entryId)
                    .param("key", a.fieldKey())
                    .param("name", a.fileName())
                    .param("type", a.contentType())
                    .param("size", (long) a.content().length)
                    .param("content", a.content())
                    .param("by", actor)
                    .param("at", now)
                    .update();
        }
        return entryId;
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(long caseId) {
        return jdbc.sql("select * from gl_timeline where case_id = :case order by id").param("case", caseId)
                .query(Rows.of(TimelineEntry.class)).list();
    }

    @Transactional(readOnly = true)
    public List<Attachment> attachments(long caseId) {
        return jdbc.sql("""
                select id, case_id, timeline_id, field_key, file_name, content_type, size_bytes, uploaded_by, uploaded_at
                from gl_attachment where case_id = :case order by id""").param("case", caseId)
                .query(Rows.of(Attachment.class)).list();
    }

    @Transactional(readOnly = true)
    public byte[] attachmentContent(long attachmentId, AccessScope scope) {
        // a photo of a case outside the scope is not there for the official
        return jdbc.sql("select case_id, content from gl_attachment where id = :id").param("id", attachmentId)
                .query((rs, n) -> Map.entry(rs.getLong("case_id"), rs.getBytes("content"))).optional()
                .filter(row -> rows.one("where id = :id", q -> q.param("id", row.getKey()))
                        .filter(c -> CaseRows.sees(scope, c)).isPresent())
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new CaseNotFoundException("attachment " + attachmentId));
    }
}

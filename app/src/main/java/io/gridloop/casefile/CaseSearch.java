package io.gridloop.casefile;

import io.gridloop.security.AccessScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Case search (案件查询) within the official's scope: by number, place, department, category, time, words, caller. */
@Service
@Transactional(readOnly = true)
public class CaseSearch {

    private final JdbcClient jdbc;
    private final CaseRows rows;
    private final Clock clock;

    public CaseSearch(JdbcClient jdbc, CaseRows rows, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
    }

    public List<CaseRecord> search(CaseQuery q, AccessScope scope) {
        Map<String, Object> p = new HashMap<>();
        String clause = where(q, scope, p) + " order by reported_at desc, id desc limit "
                + Math.max(1, q.limit()) + " offset " + Math.max(0, q.offset());
        return rows.list(clause, spec -> p.forEach(spec::param));
    }

    /** How many cases the search finds in all, beyond the page shown. */
    public int count(CaseQuery q, AccessScope scope) {
        Map<String, Object> p = new HashMap<>();
        var spec = jdbc.sql("select count(*) from gl_case" + where(q, scope, p));
        p.forEach(spec::param);
        return spec.query(Integer.class).single();
    }

    private String where(CaseQuery q, AccessScope scope, Map<String, Object> p) {
        StringBuilder where = new StringBuilder(" where " + scope.caseFilter(p));
        if (q.caseNumber() != null && !q.caseNumber().isBlank()) {
            where.append(" and case_number like :number");
            p.put("number", "%" + likeLiteral(q.caseNumber().trim()) + "%");
        }
        filter(where, p, "status", q.status() == null ? null : q.status().name());
        filter(where, p, "grid_code", q.gridCode());
        filter(where, p, "street_code", q.streetCode());
        filter(where, p, "department_code", q.departmentCode());
        filter(where, p, "category_code", q.categoryCode());
        if (q.overdue() != null) {
            filter(where, p, "overdue", q.overdue());
        }
        if (q.reportedFrom() != null) {
            where.append(" and reported_at >= :from");
            p.put("from", startOf(q.reportedFrom()));
        }
        if (q.reportedTo() != null) {
            where.append(" and reported_at < :to");
            p.put("to", startOf(q.reportedTo().plusDays(1)));
        }
        if (q.words() != null) {
            // every word the official typed occurs in the description, in any order
            int i = 0;
            for (String word : q.words().trim().split("\\s+")) {
                if (!word.isEmpty() && i < 10) {
                    where.append(" and lower(description) like :word").append(i).append(" escape '\\'");
                    p.put("word" + i++, "%" + likeLiteral(word.toLowerCase(Locale.ROOT)) + "%");
                }
            }
        }
        if (q.callerPhone() != null) {
            // the digits as typed, wherever they stand in the stored number (a caller gives the last four, or all eleven)
            String digits = q.callerPhone().replaceAll("[^0-9]", "");
            if (!digits.isEmpty()) {
                where.append(" and replace(replace(replace(reporter_phone, ' ', ''), '-', ''), '+', '') like :phone");
                p.put("phone", "%" + digits + "%");
            }
        }
        return where.toString();
    }

    /** A typed text as a LIKE pattern matching itself only (its % and _ escaped). */
    private static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toOffsetDateTime();
    }

    private static void filter(StringBuilder where, Map<String, Object> p, String column, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" and ").append(column).append(" = :").append(column);
            p.put(column, value);
        }
    }
}

package io.gridloop.casefile;

import io.gridloop.system.Rows;
import io.gridloop.security.AccessScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads gl_case rows as {@link CaseRecord}s, each with its co-departments from gl_case_co_department. */
@Component
class CaseRows {

    private final JdbcClient jdbc;

    CaseRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The cases of gl_case that a clause ({@code where … order by …}) selects, in its order. Each row is mapped to the
     * record by its column names; the co-departments, read from their own table next, stand in the row as an empty
     * column so that every component of the record has one.
     */
    List<CaseRecord> list(String clause, Consumer<JdbcClient.StatementSpec> params) {
        JdbcClient.StatementSpec spec = jdbc.sql("select gl_case.*, cast(null as varchar(1)) as co_departments from gl_case " + clause);
        params.accept(spec);
        List<CaseRecord> rows = spec.query(Rows.of(CaseRecord.class)).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<String>> co = coDepartments(rows.stream().map(CaseRecord::id).toList());
        List<CaseRecord> out = new ArrayList<>(rows.size());
        rows.forEach(c -> out.add(c.withCoDepartments(co.getOrDefault(c.id(), List.of()))));
        return out;
    }

    Optional<CaseRecord> one(String clause, Consumer<JdbcClient.StatementSpec> params) {
        return list(clause, params).stream().findFirst();
    }

    /** The co-departments of these cases, each case's in code order. */
    Map<Long, List<String>> coDepartments(Collection<Long> caseIds) {
        Map<Long, List<String>> out = new TreeMap<>();
        jdbc.sql("select case_id, department_code from gl_case_co_department where case_id in (:ids) order by case_id, department_code")
                .param("ids", List.copyOf(caseIds))
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    static boolean sees(AccessScope scope, CaseRecord c) {
        return scope.seesCase(c.streetCode(), c.gridCode(), c.departmentCode(), c.coDepartments(), c.reportedBy());
    }
}

package io.gridloop.casefile;

import io.gridloop.security.AccessScope;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
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
        List<CaseRecord> rows = spec.query((rs, n) -> MAPPER.mapRow(withCheapMisses(rs), n)).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<String>> co = coDepartments(rows.stream().map(CaseRecord::id).toList());
        List<CaseRecord> out = new ArrayList<>(rows.size());
        rows.forEach(c -> out.add(c.withCoDepartments(co.getOrDefault(c.id(), List.of()))));
        return out;
    }

    private static final org.springframework.jdbc.core.SimplePropertyRowMapper<CaseRecord> MAPPER =
            new org.springframework.jdbc.core.SimplePropertyRowMapper<>(CaseRecord.class);

    /** What a column the row does not have answers: one exception, made once and without a stack trace. */
    private static final SQLException NO_SUCH_COLUMN = new SQLException("no such column") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    /**
     * The row as Spring's property mapper reads it, except that a column name it probes and the row lacks (it tries
     * {@code caseNumber} before {@code case_number}) fails at once: the driver would build an exception with its stack
     * trace for each of the record's thirty such names on every case read (and H2's file mode used to write each to its
     * trace file).
     */
    private static ResultSet withCheapMisses(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        java.util.Set<String> columns = new java.util.HashSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
        }
        return (ResultSet) java.lang.reflect.Proxy.newProxyInstance(CaseRows.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    if ("findColumn".equals(method.getName()) && !columns.contains(((String) args[0]).toLowerCase(java.util.Locale.ROOT))) {
                        throw NO_SUCH_COLUMN;
                    }
                    try {
                        return method.invoke(rs, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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

package io.gridloop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rows maps a row to a record by the row's column names, without a failed column lookup per two-word field. */
class RowsTest {

    record Task(String taskId, long caseId, String urgency, OffsetDateTime dueAt, boolean selfResolved) {}

    record Tally(String gridCode, long openCount) {}

    @Test
    void mapsSnakeCaseColumnsWithoutAMissedLookup() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:rows;DB_CLOSE_DELAY=-1")) {
            c.createStatement().execute("create table t (task_id varchar(20), case_id bigint, urgency varchar(10), "
                    + "due_at timestamp with time zone, self_resolved boolean)");
            c.createStatement().execute("insert into t values ('t1', 7, 'URGENT', timestamp with time zone '2026-11-27 10:00:00+08:00', true)");
            AtomicInteger misses = new AtomicInteger();
            try (ResultSet rs = counting(c.createStatement().executeQuery("select * from t"), misses)) {
                rs.next();
                Task t = Rows.of(Task.class).mapRow(rs, 0);
                assertThat(t).isEqualTo(new Task("t1", 7, "URGENT", OffsetDateTime.parse("2026-11-27T10:00+08:00"), true));
            }
            assertThat(misses).as("column lookups that failed (each an exception with its stack trace)").hasValue(0);

            // a column named by an alias without underscores is still found, by the second try
            try (ResultSet rs = c.createStatement().executeQuery("select 'S01' as grid_code, 3 as opencount")) {
                rs.next();
                assertThat(Rows.of(Tally.class).mapRow(rs, 0)).isEqualTo(new Tally("S01", 3));
            }
        }
    }

    /** The driver's result set, counting the column lookups that throw. */
    private static ResultSet counting(ResultSet rs, AtomicInteger misses) {
        return (ResultSet) Proxy.newProxyInstance(RowsTest.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (p, m, args) -> {
            try {
                return m.invoke(rs, args);
            } catch (InvocationTargetException e) {
                if (m.getName().equals("findColumn") && e.getCause() instanceof SQLException) {
                    misses.incrementAndGet();
                }
                throw e.getCause();
            }
        });
    }
}

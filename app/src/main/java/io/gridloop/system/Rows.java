package io.gridloop.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;

/**
 * The one way GridLoop maps a row to a record: by the columns the row has ({@code case_number} to {@code caseNumber}).
 * Not {@code JdbcClient.query(Record.class)}: its property mapper asks the driver for each camel-case name first, and
 * every miss is an exception with its stack trace (H2 also wrote each one to its trace file), about one per field per row.
 */
public final class Rows {

    private static final Map<Class<?>, RowMapper<?>> MAPPERS = new ConcurrentHashMap<>();

    private Rows() {}

    @SuppressWarnings("unchecked")
    public static <T> RowMapper<T> of(Class<T> type) {
        return (RowMapper<T>) MAPPERS.computeIfAbsent(type, ByColumnName::new);
    }

    /**
     * Spring's record mapper, asking for {@code case_number} first: its own order ({@code casenumber}, then
     * {@code case_number}) missed on every two-word field, an exception with its stack trace each (750 per inbox page).
     */
    private static final class ByColumnName<T> extends DataClassRowMapper<T> {

        ByColumnName(Class<T> type) {
            super(type);
        }

        @Override
        protected String lowerCaseName(String name) {
            return super.underscoreName(name);
        }

        @Override
        protected String underscoreName(String name) {
            return super.lowerCaseName(name);
        }
    }
}

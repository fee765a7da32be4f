package io.gridloop.casefile;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/** Gives a new case its number (e.g. 2026-000123, from a sequence) and the tracking code (查询码) the citizen follows it by. */
@Component
public class CaseNumbers {

    private static final String TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String nextCaseNumberSql;

    public CaseNumbers(JdbcClient jdbc, DataSource dataSource, Clock clock) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.clock = clock;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
        this.nextCaseNumberSql = "PostgreSQL".equals(product)
                ? "select nextval('gl_case_number_seq')"
                : "select next value for gl_case_number_seq";
    }

    /** The next case number, in the year of the district's zone ({@code gridloop.zone}), not the server's. */
    public String next() {
        long seq = jdbc.sql(nextCaseNumberSql).query(Long.class).single();
        return "%d-%06d".formatted(OffsetDateTime.now(clock).atZoneSameInstant(clock.getZone()).getYear(), seq);
    }

    /** Twelve characters that cannot be confused when read out (no 0/O, 1/I). */
    public String trackingCode() {
        StringBuilder b = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            b.append(TRACKING_ALPHABET.charAt(RANDOM.nextInt(TRACKING_ALPHABET.length())));
        }
        return b.toString();
    }
}

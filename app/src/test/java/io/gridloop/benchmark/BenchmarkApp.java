package io.gridloop.benchmark;

import io.gridloop.GridLoopApplication;
import io.gridloop.support.PostgresServer;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts GridLoop for a benchmark on the benchmark's own PostgreSQL, with the scheduled mail and digest jobs quiet. */
final class BenchmarkApp {

    private BenchmarkApp() {}

    static ConfigurableApplicationContext start(PostgresServer pg, Map<String, Object> extra) throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", pg.jdbcUrl());
        props.put("spring.datasource.username", pg.username());
        props.put("spring.datasource.password", pg.password());
        props.put("server.port", "0");
        props.put("gridloop.demo-users", "true");
        props.put("gridloop.demo-history.enabled", "false");
        props.put("logging.level.root", "warn");
        props.put("gridloop.digest.poll", "PT24H");
        props.put("gridloop.mail.poll", "PT24H");
        props.putAll(extra);
        // as command-line arguments, which outrank application.yml (default properties would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(GridLoopApplication.class).run(args);
        try (Connection c = app.getBean(javax.sql.DataSource.class).getConnection()) {
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                app.close();
                throw new IllegalStateException("the benchmark must run GridLoop on PostgreSQL");
            }
        }
        return app;
    }
}

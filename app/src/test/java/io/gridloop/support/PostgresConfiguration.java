package io.gridloop.support;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts the application on a real PostgreSQL; the server stops after the pool and the engine are closed. */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresConfiguration {

    @Bean(destroyMethod = "close")
    public PostgresServer postgresServer() throws IOException {
        return PostgresServer.start();
    }

    @Bean(destroyMethod = "close")
    @Primary
    public DataSource dataSource(PostgresServer server) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(server.jdbcUrl());
        ds.setUsername(server.username());
        ds.setPassword(server.password());
        ds.setMaximumPoolSize(10);
        return ds;
    }
}

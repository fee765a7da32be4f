package io.gridloop.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes sharing one PostgreSQL start one at a time: the first to get the database creates Flyway's tables, Camunda's
 * schema, the reference data, the deployments and the administrator; the others wait for it and find them there. Two
 * nodes creating them at once on an empty database collide (duplicate keys in PostgreSQL's catalogue and in the
 * reference tables), whatever the order they are started in. A session-level advisory lock, taken as soon as the
 * DataSource exists and released when the node is ready (or by PostgreSQL when the node dies). Nothing on H2.
 */
@Component
public class StartupLock implements BeanPostProcessor, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
    /** The lock's key: "GRIDLOOP" in ASCII. */
    static final long KEY = 0x4752_4944_4C4F_4F50L;

    private Connection held;
    private boolean tried;

    @Override
    public synchronized Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !tried) {
            tried = true;
            acquire(dataSource);
        }
        return bean;
    }

    private void acquire(DataSource dataSource) {
        try {
            Connection c = dataSource.getConnection();
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                c.close();
                return;
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
                r.next();
                if (!r.getBoolean(1)) {
                    LOG.info("another node is starting on this database: waiting for it to finish");
                    s.execute("select pg_advisory_lock(" + KEY + ")");
                    LOG.info("the other node has started: this one goes on");
                }
            }
            held = c;
        } catch (SQLException e) {
            // a database that cannot be reached fails the start a moment later with its own message
            LOG.warn("start-up lock not taken: {}", e.toString());
        }
    }

    /** Ready: the next node may start. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection c = held; Statement s = c.createStatement()) {
            s.execute("select pg_advisory_unlock_all()");
        } catch (SQLException e) {
            LOG.warn("start-up lock not released (PostgreSQL releases it when the connection ends): {}", e.toString());
        }
        held = null;
    }

    @Override
    public void destroy() {
        release();
    }
}

package io.gridloop.casefile;

import io.gridloop.security.EngineTaskGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContext;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContextEntry;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.UserOperationLogManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a process owner does to a case through the engine's own doors (Cockpit and /engine-rest: process instance
 * modification, cancellation, migration, variable edits, suspension, job retries …) lands on the case's timeline as
 * "changed in Cockpit" (在 Cockpit 中修改) by them, with the operation and what it changed, in the same transaction.
 *
 * <p>The engine reports every such operation, with the signed-in user, to its user operation log; it writes that log
 * only with history on, and GridLoop runs at history level none. So the log's manager is replaced by one that also
 * takes an authenticated user's operator entries when history is off, hands those on a case to the timeline, and still
 * writes Camunda's own log wherever the history level asks for it. Task work is not among them: the inbox records its
 * own, and the engine lets nobody else work the case loop's tasks ({@link EngineTaskGuard}).
 */
@Component
public class CockpitChanges extends AbstractProcessEnginePlugin {

    public static final String ACTION = "COCKPIT";
    /** The timeline's step when the case waits in no step any more (cancelled, ended). */
    public static final String NO_STEP = "COCKPIT";

    private final ObjectProvider<CaseFileService> cases;
    private final ObjectProvider<JdbcClient> jdbc;

    public CockpitChanges(ObjectProvider<CaseFileService> cases, ObjectProvider<JdbcClient> jdbc) {
        this.cases = cases;
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return UserOperationLogManager.class;
            }

            @Override
            public Session openSession() {
                return new TimelineOperationLog();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    private class TimelineOperationLog extends UserOperationLogManager {

        @Override
        public boolean isUserOperationLogEnabled() {
            // the inbox's own work is on the timeline already: no log entries built for it unless history wants them
            boolean forTimeline = !EngineTaskGuard.insideInbox() && isUserOperationLogEnabledOnCommandContext() && isUserAuthenticated();
            return forTimeline || super.isUserOperationLogEnabled();
        }

        @Override
        protected void fireUserOperationLog(UserOperationLogContext context) {
            if (context.getUserId() == null) {
                context.setUserId(getAuthenticatedUserId());
            }
            record(context);
            if (isHistoryEventProduced()) {
                super.fireUserOperationLog(context);
            }
        }
    }

    void record(UserOperationLogContext context) {
        if (context.getUserId() == null || EngineTaskGuard.insideInbox()) {
            return;
        }
        // one timeline entry per case and operation, however many jobs or variables it touched
        Map<List<String>, List<UserOperationLogContextEntry>> byCase = new LinkedHashMap<>();
        for (UserOperationLogContextEntry e : context.getEntries()) {
            if (UserOperationLogEntry.CATEGORY_OPERATOR.equals(e.getCategory()) && e.getProcessInstanceId() != null
                    && !UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(e.getOperationType())) {
                byCase.computeIfAbsent(List.of(e.getProcessInstanceId(), e.getOperationType()), k -> new ArrayList<>()).add(e);
            }
        }
        byCase.forEach((key, entries) -> jdbc.getObject().sql("select id, current_step from gl_case where process_instance_id = :pi")
                .param("pi", key.get(0))
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .optional()
                .ifPresent(row -> {
                    String annotation = entries.stream().map(UserOperationLogContextEntry::getAnnotation).filter(Objects::nonNull)
                            .findFirst().orElse(null);
                    cases.getObject().addTimeline((Long) row[0], context.getUserId(), row[1] == null ? NO_STEP : (String) row[1],
                            ACTION, key.get(1), annotation, details(entries), List.of());
                }));
    }

    /** What the operation changed, as the engine reports it: "property: before → after" lines. */
    private static String details(List<UserOperationLogContextEntry> entries) {
        String s = entries.stream().flatMap(e -> e.getPropertyChanges() == null ? java.util.stream.Stream.empty() : e.getPropertyChanges().stream())
                .filter(c -> c.getPropertyName() != null)
                .map(CockpitChanges::line)
                .distinct()
                .collect(Collectors.joining("\n"));
        return s.isEmpty() ? null : s.length() > 4000 ? s.substring(0, 4000) : s;
    }

    private static String line(PropertyChange c) {
        return c.getOrgValue() == null ? c.getPropertyName() + ": " + c.getNewValueString()
                : c.getPropertyName() + ": " + c.getOrgValueString() + " → " + c.getNewValueString();
    }
}

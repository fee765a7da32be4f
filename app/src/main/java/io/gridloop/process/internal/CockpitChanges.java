package io.gridloop.process.internal;

import io.gridloop.casefile.CaseTimeline;
import io.gridloop.casefile.TimelineAction;
import io.gridloop.security.EngineTaskGuard;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContext;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContextEntry;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.UserOperationLogManager;
import org.camunda.bpm.engine.variable.value.TypedValue;
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

    public static final TimelineAction ACTION = TimelineAction.COCKPIT;
    /** The timeline's step when the case waits in no step any more (cancelled, ended). */
    public static final String NO_STEP = "COCKPIT";

    private final ObjectProvider<CaseTimeline> timeline;
    private final ObjectProvider<JdbcClient> jdbc;

    public CockpitChanges(ObjectProvider<CaseTimeline> timeline, ObjectProvider<JdbcClient> jdbc) {
        this.timeline = timeline;
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
        // which command the user gave, for what the log's entries leave out (the names of the variables changed)
        List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        post.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                Deque<Command<?>> commands = COMMANDS.get();
                commands.push(command);
                try {
                    return next.execute(command);
                } finally {
                    commands.pop();
                    if (commands.isEmpty()) {
                        COMMANDS.remove();
                    }
                }
            }
        });
        configuration.setCustomPostCommandInterceptorsTxRequired(post);
    }

    private static final ThreadLocal<Deque<Command<?>>> COMMANDS = ThreadLocal.withInitial(ArrayDeque::new);

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
                    timeline.getObject().addTimeline((Long) row[0], context.getUserId(), row[1] == null ? NO_STEP : (String) row[1],
                            ACTION, key.get(1), annotation, details(entries, COMMANDS.get().peekLast()), List.of());
                }));
    }

    /**
     * What the operation changed: the engine's "property: before → after" lines, and the variables a variable command
     * set ("name: value") or removed ("name").
     */
    private static String details(List<UserOperationLogContextEntry> entries, Command<?> command) {
        List<String> lines = new ArrayList<>();
        entries.stream().flatMap(e -> e.getPropertyChanges() == null ? Stream.empty() : e.getPropertyChanges().stream())
                .filter(c -> c.getPropertyName() != null)
                .map(CockpitChanges::line)
                .forEach(lines::add);
        if (command != null && command.getClass().getName().startsWith("org.camunda.bpm.engine.impl.cmd.")
                && command.getClass().getSimpleName().endsWith("VariablesCmd")) {
            if (field(command, "variables") instanceof Map<?, ?> set) {
                set.forEach((name, value) -> lines.add(name + ": " + shortly(value instanceof TypedValue t ? t.getValue() : value)));
            }
            for (String removed : List.of("variableNames", "deletions")) {
                if (field(command, removed) instanceof Collection<?> names) {
                    names.forEach(name -> lines.add(String.valueOf(name)));
                }
            }
        }
        String s = lines.stream().distinct().collect(Collectors.joining("\n"));
        return s.isEmpty() ? null : s.length() > 4000 ? s.substring(0, 4000) : s;
    }

    private static String shortly(Object value) {
        String s = String.valueOf(value);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** A field of one of the engine's commands (they have no getters); null if this engine version names it otherwise. */
    private static Object field(Object command, String name) {
        for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(command);
            } catch (NoSuchFieldException e) {
                // the superclass may declare it
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static String line(PropertyChange c) {
        return c.getOrgValue() == null ? c.getPropertyName() + ": " + c.getNewValueString()
                : c.getPropertyName() + ": " + c.getOrgValueString() + " → " + c.getNewValueString();
    }
}

package io.gridloop.security;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The case loop's tasks move only through GridLoop's inbox, which checks the form and writes the timeline. Any other
 * door (/engine-rest's complete, submit-form, resolve, claim, assignee, variables, BPMN error; Tasklist; plain Java
 * calls) is refused inside the engine, whoever asks, process owners included, and answers 403 with a message.
 * Operations on whole instances (Cockpit's modification, cancellation, variables, suspension, job retries) are not task
 * work and stay allowed; the case loop's timeline records them.
 *
 * <p>The engine asks its command checkers before every task command; the three checks below are the ones for working,
 * assigning and changing a task's variables. The inbox's calls pass because they run through {@link #inboxDoor}.
 */
@Component
public class EngineTaskGuard extends AbstractProcessEnginePlugin {

    private static final Set<String> TASK_CHECKS = Set.of("checkTaskWork", "checkTaskAssign", "checkUpdateTaskVariable");

    /** How deep the current thread is inside a call of the inbox's task service. */
    private static final ThreadLocal<int[]> INBOX = new ThreadLocal<>();

    private final ObjectProvider<InboxOwnedTasks> owned;

    public EngineTaskGuard(ObjectProvider<InboxOwnedTasks> owned) {
        this.owned = owned;
    }

    /** The inbox's own task service: the one door through which the case loop's tasks are claimed, handed over and completed. */
    public static TaskService inboxDoor(TaskService tasks) {
        return (TaskService) Proxy.newProxyInstance(TaskService.class.getClassLoader(), new Class<?>[] {TaskService.class},
                (proxy, method, args) -> {
                    int[] depth = INBOX.get();
                    if (depth == null) {
                        depth = new int[1];
                        INBOX.set(depth);
                    }
                    depth[0]++;
                    try {
                        return method.invoke(tasks, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (--depth[0] == 0) {
                            INBOX.remove();
                        }
                    }
                });
    }

    /** True while the current thread works a task through the inbox (whose work is on the timeline already). */
    public static boolean insideInbox() {
        int[] depth = INBOX.get();
        return depth != null && depth[0] > 0;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // after the engine's own checkers (tenants, authorizations), which init() has just set up
        configuration.getCommandCheckers().add((CommandChecker) Proxy.newProxyInstance(CommandChecker.class.getClassLoader(),
                new Class<?>[] {CommandChecker.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "EngineTaskGuard";
                        };
                    }
                    if (TASK_CHECKS.contains(method.getName()) && args != null && args.length == 1 && args[0] instanceof TaskEntity task) {
                        check(task);
                    }
                    return null;
                }));
    }

    private void check(TaskEntity task) {
        if (insideInbox() || task.getProcessDefinitionId() == null) {
            return;
        }
        InboxOwnedTasks inbox = owned.getIfAvailable();
        if (inbox != null && inbox.owns(task.getProcessDefinitionId())) {
            throw new InboxOnlyException(task.getName());
        }
    }

    /** A case-loop task worked past the inbox: /engine-rest answers it with 403 and this message. */
    public static class InboxOnlyException extends AuthorizationException {

        public static final String KEY = "error.task.inboxOnly";

        public InboxOnlyException(String taskName) {
            super(message(KEY, taskName == null ? "" : taskName));
        }
    }

    /**
     * The message in the caller's language: English when the HTTP request asks for it, Chinese otherwise (the one
     * MessageSource, {@link io.gridloop.system.Messages}).
     */
    static String message(String key, Object... args) {
        Locale locale = Locale.ROOT;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            String accept = request.getRequest().getHeader("Accept-Language");
            if (accept != null && accept.trim().toLowerCase(Locale.ROOT).startsWith("en")) {
                locale = Locale.ENGLISH;
            }
        }
        return io.gridloop.system.Messages.text(key, locale, args);
    }
}

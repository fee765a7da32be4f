package io.gridloop.process.engine;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine alone for fast process tests: one in-memory H2 engine per JVM, at production's history level (none, as
 * application.yml sets it), no job executor (tests execute timer jobs themselves), no Spring. Every BPMN and DMN of
 * {@code processes/} is deployed once.
 *
 * <p>Every delegate bean the models name (a service task's, a message end event's, a task listener's) is a Mockito mock
 * registered under that name with Camunda's {@link Mocks}; the names are read from the BPMN itself, so a test names a
 * delegate by the string the model uses and nothing else of the Java side. Each call is written to {@link #calls()} as
 * {@code bean@elementId}: with no engine history, that is the trace of where a path went. The expression beans
 * (time limits, escalation chain, department lists) are small stubs.
 */
final class EngineOnly {

    private EngineOnly() {}

    /** Where Modeler keeps the models; tests run in app/. */
    static final Path PROCESSES = Path.of("../processes");

    private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{([A-Za-z0-9_]+)}\"");

    private static ProcessEngine engine;
    private static Set<String> delegateNames;
    private static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, Consumer<VariableScope>> BEHAVIOUR = new HashMap<>();
    private static final Set<String> TAKEN = Collections.synchronizedSet(new TreeSet<>());

    static synchronized ProcessEngine engine() {
        if (engine == null) {
            var config = (StandaloneInMemProcessEngineConfiguration) ProcessEngineConfiguration
                    .createStandaloneInMemProcessEngineConfiguration();
            config.setJdbcUrl("jdbc:h2:mem:engine-only-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            config.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
            config.setJobExecutorActivate(false);
            config.setExpressionManager(new MockExpressionManager());
            config.setProcessEngineName("engine-only-" + UUID.randomUUID());
            // every sequence flow taken, for the check that each process's tests take all of its flows
            config.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(new AbstractBpmnParseListener() {
                @Override
                public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
                    String flow = transition.getId();
                    transition.addListener(ExecutionListener.EVENTNAME_TAKE, (ExecutionListener) execution ->
                            TAKEN.add(execution.getProcessDefinitionId().split(":")[0] + "/" + flow));
                }
            })));
            engine = config.buildProcessEngine();
            // kept out of Camunda's static registry, where the Spring tests' webapps look engines up
            org.camunda.bpm.engine.ProcessEngines.unregister(engine);
            DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("processes");
            for (Path p : models()) {
                try (InputStream in = Files.newInputStream(p)) {
                    deployment.addString(p.getFileName().toString(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            deployment.deploy();
            delegateNames = delegateNamesOf(models());
        }
        return engine;
    }

    /** Every .bpmn and .dmn of processes/. */
    static List<Path> models() {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> delegateNamesOf(List<Path> models) {
        Set<String> names = new TreeSet<>();
        for (Path p : models) {
            try {
                Matcher m = DELEGATE.matcher(Files.readString(p));
                while (m.find()) {
                    names.add(m.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** The JUnit extension on the shared engine (it resets the engine clock after each test). */
    static ProcessEngineExtension extension() {
        return ProcessEngineExtension.builder().useProcessEngine(engine()).build();
    }

    /** Before each test: a fresh mock for every delegate bean, the expression stubs, the assertions on the shared engine. */
    static void registerMocks() {
        engine();
        Mocks.reset();
        CALLS.clear();
        BEHAVIOUR.clear();
        for (String name : delegateNames) {
            Object delegate = mock(JavaDelegate.class, withSettings().name(name)
                    .extraInterfaces(TaskListener.class, ExecutionListener.class)
                    .defaultAnswer(invocation -> {
                        Object scope = invocation.getArgument(0);
                        String element = scope instanceof DelegateTask t ? t.getTaskDefinitionKey()
                                : ((DelegateExecution) scope).getCurrentActivityId();
                        CALLS.add(name + "@" + element);
                        Consumer<VariableScope> behaviour = BEHAVIOUR.get(name);
                        if (behaviour != null) {
                            behaviour.accept((VariableScope) scope);
                        }
                        return null;
                    }));
            Mocks.register(name, delegate);
        }
        Mocks.register("timeLimits", new TimeLimitsStub());
        Mocks.register("escalationChain", new EscalationChainStub());
        Mocks.register("departmentCodes", new DepartmentCodesStub());
        Mocks.register("departmentGroups", new DepartmentGroupsStub());
        Mocks.register("citizenRatings", new CitizenRatingsStub());
        // the handling stages' row mapping is a pure function of the decision's rows: the real one
        Mocks.register("handlingStages", new io.gridloop.deadline.HandlingStages());
        AbstractAssertions.init(engine);
    }

    /** What the mocked delegate bean does besides being called (the variables the real one sets, for the gateways). */
    static void when(String bean, Consumer<VariableScope> behaviour) {
        if (!delegateNames.contains(bean)) {
            throw new IllegalArgumentException("no model calls ${" + bean + "}");
        }
        BEHAVIOUR.put(bean, behaviour);
    }

    /** The delegate calls so far, in order, as {@code bean@elementId}. */
    static List<String> calls() {
        synchronized (CALLS) {
            return List.copyOf(CALLS);
        }
    }

    /** After each test: no instance left for the next one (the engine is shared), no mock left registered. */
    static void cleanUp() {
        var runtime = engine.getRuntimeService();
        runtime.createProcessInstanceQuery().list()
                .forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test done", true, true));
        Mocks.reset();
        AbstractAssertions.reset();
    }

    /**
     * After a test class has run in full (every test and every parameter row): each sequence flow of its process was
     * taken by one of its tests, so a flow added to the model fails here until a test takes it. A partial run (one
     * test picked by name) checks nothing.
     */
    static void assertEveryFlowTaken(String processKey, Class<?> testClass, int testsRun) {
        int all = 0;
        for (Method m : testClass.getDeclaredMethods()) {
            all += m.isAnnotationPresent(Test.class) ? 1 : 0;
            all += m.isAnnotationPresent(CsvSource.class) ? m.getAnnotation(CsvSource.class).value().length : 0;
            all += m.isAnnotationPresent(ValueSource.class) ? m.getAnnotation(ValueSource.class).strings().length : 0;
        }
        if (testsRun < all) {
            return;
        }
        var model = engine.getRepositoryService().getBpmnModelInstance(engine.getRepositoryService()
                .createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().singleResult().getId());
        Set<String> flows = new TreeSet<>();
        model.getModelElementsByType(SequenceFlow.class).forEach(f -> flows.add(processKey + "/" + f.getId()));
        Set<String> taken;
        synchronized (TAKEN) {
            taken = new TreeSet<>(TAKEN);
        }
        org.assertj.core.api.Assertions.assertThat(taken).as("sequence flows of " + processKey + " taken by " + testClass.getSimpleName())
                .containsAll(flows);
    }

    /** {@code ${timeLimits.warningOf(limit)}}: a warning an hour before any limit is enough for the engine's paths. */
    public static class TimeLimitsStub {
        /** {@code ${timeLimits.checked(limit)}} in the time limits' business rule task: the table's limit as it is. */
        public String checked(String limit) {
            return limit;
        }

        public String warningOf(Object limit) {
            return "PT1H";
        }
    }

    /** {@code ${escalationChain.after(limit, level, urgency)}}: the rungs one, two and three days after the limit. */
    public static class EscalationChainStub {
        public String after(Object limit, String level, Object urgency) {
            return switch (level) {
                case "STREET" -> "P1D";
                case "DISTRICT" -> "P2D";
                default -> "P3D";
            };
        }
    }

    /** {@code ${citizenRatings.window()}}: how long the citizen has to rate before the callback asks. */
    public static class CitizenRatingsStub {
        public String window() {
            return "P3D";
        }
    }

    /** {@code ${departmentGroups.of(code)}}: a department's candidate group, "dept-roads" for "roads" here. */
    public static class DepartmentGroupsStub {
        public String of(Object code) {
            return "dept-" + code;
        }
    }

    /** {@code ${departmentCodes.split(list)}}: "police,housing" as the multi-instance collection. */
    public static class DepartmentCodesStub {
        public List<String> split(Object value) {
            return value == null || value.toString().isBlank() ? List.of()
                    : Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }
}

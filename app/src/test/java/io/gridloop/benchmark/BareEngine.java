package io.gridloop.benchmark;

import io.gridloop.deadline.TimeLimits;
import io.gridloop.process.internal.DepartmentCodes;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * Bare Camunda for comparison: a standalone engine in its default configuration on its own PostgreSQL database, the
 * same BPMN and DMN, GridLoop's delegates replaced by empty ones and no read model, no projection, no timeline.
 */
final class BareEngine {

    private BareEngine() {}

    static ProcessEngine start(String jdbcUrl, String user, String password) {
        StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setJdbcUsername(user);
        cfg.setJdbcPassword(password);
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setJobExecutorActivate(false);
        cfg.setProcessEngineName("bare");
        Map<Object, Object> beans = new HashMap<>();
        // every delegate and listener the model names, as a bean that does nothing
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"")
                .matcher(text("../processes/caseLoop.bpmn"));
        while (named.find()) {
            beans.put(named.group(1), new NoOp());
        }
        // the dispatch sets what the flow's gateway and multi-instance read (the process contract, not GridLoop's work)
        beans.put("dispatchCase", (JavaDelegate) execution -> {
            String co = String.join(",", new DepartmentCodes().split(execution.getVariable(io.gridloop.process.CaseVariables.CO_DEPARTMENTS)));
            execution.setVariable(io.gridloop.process.CaseVariables.CO_DEPARTMENTS, co);
            execution.setVariable(io.gridloop.process.CaseVariables.LEAD_AT_WORK, true);
            execution.setVariable(io.gridloop.process.CaseVariables.CO_DEPARTMENTS_AT_WORK, co);
        });
        // bare Camunda keeps its default calendars; this only gives the timers' warning expression something to compute
        beans.put("timeLimits", new TimeLimits(new io.gridloop.deadline.DeadlineSettings(0.8), new io.gridloop.deadline.WorkingTime(new io.gridloop.deadline.HolidayCalendar(),
                io.gridloop.deadline.WorkingTime.periods("00:00-23:59"), java.time.ZoneId.systemDefault())));
        beans.put("departmentCodes", new DepartmentCodes());
        beans.put("handlingStages", new io.gridloop.deadline.HandlingStages());
        // a department's group as bare Camunda would name it, without GridLoop's reference data
        beans.put("departmentGroups", new BareDepartmentGroups());
        // the escalation timers read escalation.dmn through the engine's own decision service, once it is built
        ProcessEngine[] built = new ProcessEngine[1];
        beans.put("escalationChain", new io.gridloop.deadline.EscalationChain((org.camunda.bpm.engine.DecisionService) java.lang.reflect.Proxy
                .newProxyInstance(BareEngine.class.getClassLoader(), new Class<?>[] {org.camunda.bpm.engine.DecisionService.class},
                        (proxy, method, args) -> method.invoke(built[0].getDecisionService(), args))));
        cfg.setBeans(beans);
        ProcessEngine engine = cfg.buildProcessEngine();
        built[0] = engine;
        var deployment = engine.getRepositoryService().createDeployment().name("bare").enableDuplicateFiltering(true);
        for (String f : new String[] {"caseLoop.bpmn", "routing.dmn", "timeLimits.dmn", "handlingStages.dmn", "escalation.dmn"}) {
            deployment.addInputStream(f, read("../processes/" + f));
        }
        for (File form : new File("../forms").listFiles((d, n) -> n.endsWith(".form"))) {
            deployment.addInputStream(form.getName(), read(form.getPath()));
        }
        deployment.deploy();
        return engine;
    }

    private static String text(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.io.InputStream read(String path) {
        try {
            return new java.io.FileInputStream(path);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delegate or task listener that does nothing: bare Camunda runs the flow without GridLoop's work. */
    private static final class NoOp implements JavaDelegate, org.camunda.bpm.engine.delegate.TaskListener {
        @Override
        public void execute(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
        }

        @Override
        public void notify(org.camunda.bpm.engine.delegate.DelegateTask task) {
        }
    }
}

package io.gridloop.benchmark;

import io.gridloop.deadline.TimeLimits;
import io.gridloop.dispatch.DepartmentCodes;
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
        JavaDelegate nothing = execution -> { };
        for (String name : new String[] {"applyTimeLimits", "registerCase", "rejectCase", "mergeDuplicate", "dispatchCase",
                "returnCase", "reworkCase", "holdCase", "resumeCase", "extendDeadline", "fileCase", "markWarning", "markOverdue", "openSupervision",
                "nextHandlingStage"}) {
            beans.put(name, nothing);
        }
        // bare Camunda keeps its default calendars; this only gives the timers' warning expression something to compute
        beans.put("timeLimits", new TimeLimits(0.8, new io.gridloop.deadline.WorkingTime(new io.gridloop.deadline.HolidayCalendar(),
                io.gridloop.deadline.WorkingTime.periods("00:00-23:59"), java.time.ZoneId.systemDefault())));
        beans.put("departmentCodes", new DepartmentCodes());
        beans.put("notifyExtensionDecided", (org.camunda.bpm.engine.delegate.TaskListener) task -> { });
        cfg.setBeans(beans);
        ProcessEngine engine = cfg.buildProcessEngine();
        var deployment = engine.getRepositoryService().createDeployment().name("bare").enableDuplicateFiltering(true);
        for (String f : new String[] {"caseLoop.bpmn", "routing.dmn", "timeLimits.dmn", "handlingStages.dmn"}) {
            deployment.addInputStream(f, read("../processes/" + f));
        }
        for (File form : new File("../forms").listFiles((d, n) -> n.endsWith(".form"))) {
            deployment.addInputStream(form.getName(), read(form.getPath()));
        }
        deployment.deploy();
        return engine;
    }

    private static java.io.InputStream read(String path) {
        try {
            return new java.io.FileInputStream(path);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

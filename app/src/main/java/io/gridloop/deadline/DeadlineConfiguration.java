package io.gridloop.deadline;

import io.gridloop.system.GridLoopSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The working-time calendar from {@code config/holidays/}, plugged into the engine for timers and due dates. */
@Configuration
public class DeadlineConfiguration {

    @Bean
    public HolidayCalendar holidayCalendar(GridLoopSettings settings) throws IOException {
        HolidayCalendar calendar = new HolidayCalendar();
        String base = settings.referenceData();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources(base + "holidays/*.json")) {
            try (InputStream in = r.getInputStream()) {
                calendar.load(in);
            }
        }
        return calendar;
    }

    @Bean
    public WorkingTime workingTime(HolidayCalendar holidays, Clock clock,
                                   WorkingTimeSettings settings) {
        return new WorkingTime(holidays, WorkingTime.periods(settings.periods()), clock.getZone());
    }

    /** Durations of timers and task due dates count in working time; cycles stay as Camunda has them. */
    @Bean
    public ProcessEnginePlugin workingTimeCalendarPlugin(WorkingTime workingTime) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                WorkingTimeBusinessCalendar calendar = new WorkingTimeBusinessCalendar(workingTime);
                MapBusinessCalendarManager manager = new MapBusinessCalendarManager();
                manager.addBusinessCalendar(DurationBusinessCalendar.NAME, calendar);
                manager.addBusinessCalendar(DueDateBusinessCalendar.NAME, calendar);
                manager.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
                configuration.setBusinessCalendarManager(manager);
            }
        };
    }
}

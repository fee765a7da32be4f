package io.gridloop.deadline;

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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The working-time calendar from {@code config/holidays/}, plugged into the engine for timers and due dates. */
@Configuration
public class DeadlineConfiguration {

    @Bean
    public HolidayCalendar holidayCalendar(@Value("${gridloop.reference-data:classpath:config/}") String location) throws IOException {
        HolidayCalendar calendar = new HolidayCalendar();
        String base = location.endsWith("/") ? location : location + "/";
        for (Resource r : new PathMatchingResourcePatternResolver().getResources(base + "holidays/*.json")) {
            try (InputStream in = r.getInputStream()) {
                calendar.load(in);
            }
        }
        return calendar;
    }

    @Bean
    public WorkingTime workingTime(HolidayCalendar holidays, Clock clock,
                                   @Value("${gridloop.working-time.periods:08:30-12:00,13:30-17:30}") String periods) {
        return new WorkingTime(holidays, WorkingTime.periods(periods), clock.getZone());
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

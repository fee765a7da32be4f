package io.gridloop.system;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Cross-cutting beans: the clock and the district's time zone. */
@Configuration
@org.springframework.scheduling.annotation.EnableScheduling
public class SystemConfiguration {

    @Bean
    public Clock clock(@Value("${gridloop.zone:Asia/Shanghai}") String zone) {
        return new EngineClock(ZoneId.of(zone));
    }
}

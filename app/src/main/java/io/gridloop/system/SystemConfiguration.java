package io.gridloop.system;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Cross-cutting beans: the clock and the district's time zone. */
@Configuration
@org.springframework.scheduling.annotation.EnableScheduling
public class SystemConfiguration {

    @Bean
    public Clock clock(GridLoopSettings settings) {
        return new EngineClock(ZoneId.of(settings.zone()));
    }
}

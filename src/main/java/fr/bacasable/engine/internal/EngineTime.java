package fr.bacasable.engine.internal;

import fr.bacasable.shared.ProgrammeTime;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's one clock: the engine's, in the programme's time zone. */
@Configuration(proxyBeanMethods = false)
class EngineTime {

    @Bean
    Clock clock() {
        return new EngineClock(ProgrammeTime.ZONE);
    }
}

package fr.bacasable.application.internal;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes the idempotency records past their retention, at the interval of {@code bas.idempotency.purge-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyPurge {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;
    private final Clock clock;

    IdempotencyPurge(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${bas.idempotency.purge-interval}")
    void purge() {
        int purged = store.purge(clock.instant());
        if (purged > 0) {
            LOG.info("Purged {} expired idempotency records", purged);
        }
    }
}

package fr.bacasable.notification.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Polls the outbox every {@code bas.mail.dispatch.interval}, unless {@code bas.mail.dispatch.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "bas.mail.dispatch.enabled", matchIfMissing = true)
class OutboxPolling {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPolling.class);

    private final OutboxDispatcher dispatcher;

    OutboxPolling(OutboxDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${bas.mail.dispatch.interval:PT2S}",
            initialDelayString = "${bas.mail.dispatch.interval:PT2S}")
    void poll() {
        try {
            dispatcher.dispatchDue();
        } catch (DataAccessException e) {
            LOG.warn("Outbox poll failed, the next one tries again: {}", e.toString());
        }
    }
}

package fr.bacasable.notification.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox dispatcher sends ({@code bas.mail.dispatch.*}); {@code enabled} and {@code interval}
 * are read by {@link OutboxPolling}.
 *
 * @param lease how long a message stays with the node sending it after the lease was taken or last
 *        renewed; renewed every third of it while the send lasts, so a dead node's message is free again
 *        within it
 * @param retryDelays the wait after the 1st, 2nd… failure; the last one repeats
 * @param maxAttempts the failures after which a message is marked FAILED, for a manager to retry
 * @param batchSize the most messages sent in one poll
 */
@ConfigurationProperties("bas.mail.dispatch")
record MailDispatchProperties(
        @DefaultValue("PT15S") Duration lease,
        @DefaultValue({"PT10S", "PT1M", "PT5M", "PT30M", "PT1H"}) List<Duration> retryDelays,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("50") int batchSize) {

    MailDispatchProperties {
        if (retryDelays.isEmpty() || maxAttempts < 1 || batchSize < 1 || lease.toMillis() < 3) {
            throw new IllegalArgumentException("bas.mail.dispatch needs at least one retry delay, max-attempts and "
                    + "batch-size of 1 or more, and a lease of 3 ms or more (it is renewed every third of it)");
        }
        retryDelays = List.copyOf(retryDelays);
    }

    /** The wait after the given number of consecutive failures (1 or more). */
    Duration delayAfter(int failures) {
        return retryDelays.get(Math.min(failures, retryDelays.size()) - 1);
    }
}

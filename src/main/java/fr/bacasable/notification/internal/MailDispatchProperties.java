package fr.bacasable.notification.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox dispatcher sends ({@code bas.mail.dispatch.*}); {@code enabled} and {@code interval}
 * are read by {@link OutboxPolling}.
 *
 * @param lease how long a node keeps a message it is sending; longer than the SMTP timeouts together
 * @param retryDelays the wait after the 1st, 2nd… failure; the last one repeats
 * @param maxAttempts the failures after which a message is marked FAILED, for a manager to retry
 * @param batchSize the most messages sent in one poll
 */
@ConfigurationProperties("bas.mail.dispatch")
record MailDispatchProperties(
        @DefaultValue("PT1M") Duration lease,
        @DefaultValue({"PT10S", "PT1M", "PT5M", "PT30M", "PT1H"}) List<Duration> retryDelays,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("50") int batchSize) {

    MailDispatchProperties {
        if (retryDelays.isEmpty() || maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "bas.mail.dispatch needs at least one retry delay, max-attempts and batch-size of 1 or more");
        }
        retryDelays = List.copyOf(retryDelays);
    }

    /** The wait after the given number of consecutive failures (1 or more). */
    Duration delayAfter(int failures) {
        return retryDelays.get(Math.min(failures, retryDelays.size()) - 1);
    }
}

package fr.bacasable.faults;

import fr.bacasable.shared.CuttableTcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults beside the running campaign, one at a time on a thread of its own: {@code kill -9}
 * of the node then its restart on the same database, or a database restart through the proxy. Before
 * each it notes the e-mails still unsent (the only ones a fault may send twice), and after each it
 * measures the recovery: to the node answering, to the first job run, to the backlog drained.
 */
final class Chaos implements AutoCloseable {

    /**
     * One fault and how long the application took to get over it; {@code interrupted} when the next
     * fault came before the backlog was drained.
     */
    record Recovery(String fault, Instant at, Duration toReady, Optional<Duration> toFirstJob,
            Optional<Duration> toDrained, boolean interrupted) {

        String describe() {
            return String.format("%-36s ready %6s  first job %8s  backlog drained %8s", fault, seconds(toReady),
                    toFirstJob.map(Recovery::seconds).orElse("-"), toDrained.map(Recovery::seconds).orElse(
                            interrupted ? "- (next fault came first)" : "NOT within " + LIMIT.toSeconds() + " s"));
        }

        private static String seconds(Duration duration) {
            return String.format("%.1f s", duration.toMillis() / 1000.0);
        }
    }

    static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(Chaos.class);
    private static final Duration POLL = Duration.ofMillis(20);

    private final ChildApp node;
    private final CuttableTcpProxy proxy;
    private final CampaignChecks checks;
    private final ExecutorService faults = Executors.newSingleThreadExecutor();
    private final ExecutorService stopwatches = Executors.newCachedThreadPool();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final List<Recovery> recoveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger faultsBegun = new AtomicInteger();

    Chaos(ChildApp node, CuttableTcpProxy proxy, CampaignChecks checks) {
        this.node = node;
        this.proxy = proxy;
        this.checks = checks;
    }

    /** Outbox ids unsent at some fault. */
    Set<String> inFlight() {
        return Set.copyOf(inFlight);
    }

    List<Recovery> recoveries() {
        return List.copyOf(recoveries);
    }

    /** After this delay, {@code kill -9} of the node, then its restart. */
    CompletableFuture<Recovery> crash(String during, Duration delay) {
        return crashWhen(during, () -> true, delay);
    }

    /** Once the condition holds (checked every 20 ms), after this delay, {@code kill -9} then restart. */
    CompletableFuture<Recovery> crashWhen(String during, BooleanSupplier condition, Duration delay) {
        return CompletableFuture.supplyAsync(() -> {
            while (!condition.getAsBoolean()) {
                ChildApp.pause(POLL);
            }
            ChildApp.pause(delay);
            int fault = faultsBegun.incrementAndGet();
            node.kill();
            inFlight.addAll(checks.unsentOutboxIds());
            Instant restarted = Instant.now();
            LOG.info("FAULT kill -9 during {}; restarting", during);
            return new Restarted(fault, "kill -9 during " + during, restarted, node.start());
        }, faults).thenApplyAsync(this::measure, stopwatches);
    }

    /** After this delay, every database connection dropped and new ones refused for the outage. */
    CompletableFuture<Recovery> databaseRestart(String during, Duration delay, Duration outage) {
        return CompletableFuture.supplyAsync(() -> {
            ChildApp.pause(delay);
            int fault = faultsBegun.incrementAndGet();
            proxy.cut();
            inFlight.addAll(checks.unsentOutboxIds());
            LOG.info("FAULT database down for {} s during {}", outage.toSeconds(), during);
            ChildApp.pause(outage);
            proxy.restore();
            return new Restarted(fault, "database restart during " + during, Instant.now(), Duration.ZERO);
        }, faults).thenApplyAsync(this::measure, stopwatches);
    }

    @Override
    public void close() {
        faults.shutdownNow();
        stopwatches.shutdownNow();
    }

    private record Restarted(int number, String fault, Instant at, Duration toReady) {
    }

    private Recovery measure(Restarted restarted) {
        Instant deadline = restarted.at().plus(LIMIT);
        Optional<Instant> firstJob = Optional.empty();
        Optional<Instant> drained = Optional.empty();
        boolean interrupted = false;
        while (drained.isEmpty() && !interrupted && Instant.now().isBefore(deadline)) {
            if (firstJob.isEmpty()) {
                firstJob = checks.firstJobRunSince(restarted.at());
            }
            if (checks.backlog() == 0) {
                drained = Optional.of(Instant.now());
            } else {
                ChildApp.pause(Duration.ofMillis(200));
                interrupted = faultsBegun.get() != restarted.number();
            }
        }
        Recovery recovery = new Recovery(restarted.fault(), restarted.at(), restarted.toReady(),
                firstJob.map(at -> Duration.between(restarted.at(), at)),
                drained.map(at -> Duration.between(restarted.at(), at)), interrupted);
        recoveries.add(recovery);
        LOG.info("RECOVERY {}", recovery.describe());
        if (drained.isEmpty() && !interrupted) {
            LOG.info("Backlog left after {}: {}", restarted.fault(), checks.describeBacklog());
        }
        return recovery;
    }
}

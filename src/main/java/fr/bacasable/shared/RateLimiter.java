package fr.bacasable.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} events per key in each window of {@code window}, counted in this process's
 * memory (one instance of the application). Keys whose window has passed are forgotten once more
 * than {@value #SWEEP_ABOVE} keys are held.
 */
public final class RateLimiter {

    private record Window(long startNanos, int count) {
    }

    private static final int SWEEP_ABOVE = 1000;

    private final int limit;
    private final long windowNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A rate limit needs at least one event in a positive window");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /**
     * Counts one event for {@code key}.
     *
     * @return empty when the event is within the limit, else how long until the key may act again
     *         (the refused event is not counted)
     */
    public Optional<Duration> acquire(String key) {
        long now = System.nanoTime();
        forgetPassedWindows(now);
        Window window = windows.compute(key, (k, current) -> current == null || now - current.startNanos() >= windowNanos
                ? new Window(now, 1)
                : new Window(current.startNanos(), Math.min(current.count() + 1, limit + 1)));
        if (window.count() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(window.startNanos() + windowNanos - now));
    }

    /**
     * Whether {@code key} has used up its events of the current window, without counting one: how
     * long until it may act again.
     */
    public Optional<Duration> exhausted(String key) {
        long now = System.nanoTime();
        Window window = windows.get(key);
        if (window == null || now - window.startNanos() >= windowNanos || window.count() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(window.startNanos() + windowNanos - now));
    }

    /** A wait in whole seconds, rounded up and at least one, as the {@code Retry-After} header wants it. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** A wait in French words, in whole minutes rounded up: "une minute", "12 minutes". */
    public static String inFrenchMinutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "une minute" : minutes + " minutes";
    }

    public void forget(String key) {
        windows.remove(key);
    }

    private void forgetPassedWindows(long now) {
        if (windows.size() <= SWEEP_ABOVE) {
            return;
        }
        windows.values().removeIf(window -> now - window.startNanos() >= windowNanos);
    }
}

package fr.bacasable.security.internal;

import fr.bacasable.shared.RateLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted per client address and per client address and user id, on every login
 * route; once either count reaches its limit, that client's logins are refused (429) until the
 * window ends. Never per user alone: a stranger's failures never shut a staff member out, and the
 * engine's own per-user lock is turned off for the same reason ({@code login-delay-base=0},
 * {@code login-max-attempts} at its maximum).
 */
@Component
class LoginThrottle {

    static final String REFUSED = "Trop de tentatives de connexion ont échoué depuis votre poste. Réessayez dans ";

    private final RateLimiter perClient;
    private final RateLimiter perClientAndUser;

    LoginThrottle(@Value("${bas.limits.login-failures-per-client}") int perClient,
            @Value("${bas.limits.login-failures-per-client-and-user}") int perClientAndUser,
            @Value("${bas.limits.login-failures-window}") Duration window) {
        this.perClient = new RateLimiter(perClient, window);
        this.perClientAndUser = new RateLimiter(perClientAndUser, window);
    }

    /** How long {@code client} must wait before trying {@code userId} again, or empty when it may try now. */
    Optional<Duration> refusal(String client, String userId) {
        return Stream.of(perClient.exhausted(client), perClientAndUser.exhausted(key(client, userId)))
                .flatMap(Optional::stream).max(Duration::compareTo);
    }

    void failed(String client, String userId) {
        perClient.acquire(client);
        perClientAndUser.acquire(key(client, userId));
    }

    void succeeded(String client, String userId) {
        perClientAndUser.forget(key(client, userId));
    }

    /** The French sentence of a refusal. */
    static String refusedMessage(Duration wait) {
        return REFUSED + RateLimiter.inFrenchMinutes(wait) + ".";
    }

    private static String key(String client, String userId) {
        return client + "\n" + (userId == null ? "" : userId.strip());
    }
}

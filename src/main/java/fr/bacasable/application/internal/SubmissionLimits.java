package fr.bacasable.application.internal;

import fr.bacasable.shared.RateLimiter;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many applications the public routes accept per client address (the connection's remote
 * address: a forwarded address counts only when {@code server.forward-headers-strategy} trusts the
 * proxy) and per contact e-mail address, so that the receipt e-mail cannot be used to flood anyone.
 */
@Component
class SubmissionLimits {

    static final String CONTACT_EMAIL = "contactEmail";

    private final RateLimiter perClient;
    private final RateLimiter perRecipient;

    SubmissionLimits(@Value("${bas.limits.submissions-per-client}") int perClient,
            @Value("${bas.limits.submissions-per-client-window}") Duration clientWindow,
            @Value("${bas.limits.submissions-per-recipient}") int perRecipient,
            @Value("${bas.limits.submissions-per-recipient-window}") Duration recipientWindow) {
        this.perClient = new RateLimiter(perClient, clientWindow);
        this.perRecipient = new RateLimiter(perRecipient, recipientWindow);
    }

    /** Counts one submission from {@code clientAddress} to {@code contactEmail}, or refuses it. */
    void admit(String clientAddress, String contactEmail) {
        perClient.acquire(clientAddress).ifPresent(wait -> {
            throw new TooManySubmissionsException("Trop de candidatures ont été déposées depuis votre connexion. "
                    + "Réessayez dans " + RateLimiter.inFrenchMinutes(wait) + ".", wait, null);
        });
        perRecipient.acquire(contactEmail.strip().toLowerCase(Locale.ROOT)).ifPresent(wait -> {
            throw new TooManySubmissionsException("Trop de candidatures ont été déposées avec cette adresse "
                    + "électronique de contact. Réessayez dans " + RateLimiter.inFrenchMinutes(wait) + ".",
                    wait, CONTACT_EMAIL);
        });
    }
}

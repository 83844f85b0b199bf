package fr.bacasable.application.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.SubmissionReceipt;
import fr.bacasable.application.internal.IdempotencyStore.StoredResponse;
import fr.bacasable.document.UploadedFile;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One application per filled-in portal form, however often it is sent (a double click, the back
 * button then "Déposer" again, with or without JavaScript). Each form page carries a new random
 * submission key; the first submission with it stores its receipt in {@link IdempotencyStore},
 * scoped to the client address and to a random mark kept in a cookie of the browser, so only the
 * browser that submitted finds it. A repeat gets that first receipt; it shows the tracking link
 * again only to the same browser and only within {@link #LINK_SHOWN_AGAIN} of the submission
 * (a later visitor of a shared computer gets the reference alone).
 */
@Component
class PortalSubmissions {

    static final String KEY_FIELD = "submissionKey";
    static final String BROWSER_COOKIE = "bas_navigateur";
    static final Duration LINK_SHOWN_AGAIN = Duration.ofMinutes(10);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{22,64}");
    private static final int RANDOM_BYTES = 32;
    private static final String SCOPE = "portal-form";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who submits: the connection's address and the browser's mark (null when the browser sent none). */
    record FormClient(String address, String browser) {

        String scope() {
            return SCOPE + "\n" + address + "\n" + (browser == null ? "" : browser);
        }
    }

    /** What the confirmation page shows of a submission. */
    record Submitted(String reference, String trackingUrl, String projectTitle, Instant submittedAt) {
    }

    /** A submission, and whether an earlier one with the same key gave it. */
    record Outcome(Submitted submitted, boolean repeated) {

        /** The tracking link the confirmation page may show: always the first time, to the same browser soon after. */
        Optional<String> trackingUrl(FormClient client, Instant now) {
            boolean shown = !repeated || client.browser() != null
                    && now.isBefore(submitted.submittedAt().plus(LINK_SHOWN_AGAIN));
            return shown ? Optional.of(submitted.trackingUrl()) : Optional.empty();
        }
    }

    private final IdempotencyStore store;
    private final IntakeService intake;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Duration retention;
    private final Clock clock;

    PortalSubmissions(IdempotencyStore store, IntakeService intake, PlatformTransactionManager transactionManager,
            ObjectMapper json, @Value("${bas.idempotency.retention}") Duration retention, Clock clock) {
        this.store = store;
        this.intake = intake;
        this.transaction = new TransactionTemplate(transactionManager);
        this.json = json;
        this.retention = retention;
        this.clock = clock;
    }

    static String newKey() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isKey(String value) {
        return value != null && KEY.matcher(value).matches();
    }

    static FormClient client(HttpServletRequest request) {
        return new FormClient(request.getRemoteAddr(), browserMark(request).orElse(null));
    }

    /** Gives the browser its mark, when it has none yet, for as long as submission keys are kept. */
    void markBrowser(HttpServletRequest request, HttpServletResponse response) {
        if (browserMark(request).isPresent()) {
            return;
        }
        ResponseCookie cookie = ResponseCookie.from(BROWSER_COOKIE, newKey()).path(request.getContextPath() + "/")
                .httpOnly(true).secure(request.isSecure()).sameSite("Strict").maxAge(retention).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** The submission already made with this key from this client, if any. */
    Optional<Outcome> earlier(FormClient client, String key) {
        return store.find(client.scope(), key, clock.instant()).map(stored -> new Outcome(read(stored), true));
    }

    /**
     * Submits the application unless this client already did with this key. The key is claimed before
     * the submission, in its transaction: a concurrent repeat waits for it, then gets its receipt.
     */
    Outcome submitOnce(FormClient client, String key, String campaignId, ApplicationSubmission submission,
            Supplier<List<UploadedFile>> files) {
        try {
            return transaction.execute(status -> earlier(client, key).orElseGet(() -> {
                store.claim(client.scope(), key, SCOPE, clock.instant());
                SubmissionReceipt receipt = intake.submitFrom(client.address(), campaignId, submission, files.get());
                Submitted submitted = new Submitted(receipt.reference(), receipt.trackingUrl(),
                        submission.projectTitle().strip(), clock.instant());
                store.complete(client.scope(), key, new StoredResponse(SCOPE, HttpStatus.SEE_OTHER.value(), null,
                        write(submitted)));
                return new Outcome(submitted, false);
            }));
        } catch (DuplicateKeyException sameKeyCommittedFirst) {
            return earlier(client, key).orElseThrow(() -> sameKeyCommittedFirst);
        }
    }

    private static Optional<String> browserMark(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies)
                .filter(cookie -> cookie.getName().equals(BROWSER_COOKIE)).map(Cookie::getValue)
                .filter(PortalSubmissions::isKey).findFirst();
    }

    private String write(Submitted submitted) {
        try {
            return json.writeValueAsString(submitted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Submitted read(StoredResponse stored) {
        try {
            return json.readValue(stored.body(), Submitted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable portal submission record", e);
        }
    }
}

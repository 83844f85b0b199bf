package fr.bacasable.application.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.application.ApplicationNotFoundException;
import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.InvalidApplicationException;
import fr.bacasable.application.SubmissionReceipt;
import fr.bacasable.application.internal.IdempotencyStore.StoredResponse;
import fr.bacasable.document.DocumentInfo;
import fr.bacasable.document.DocumentService;
import fr.bacasable.document.UploadedFile;
import fr.bacasable.shared.Texts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/** The applicants' API: the same rules as the portal. The tracking token is the bearer token. */
@RestController
@RequestMapping("/api")
@Tag(name = "Candidatures", description = "Dépôt et suivi d'une candidature")
class ApplicationApi {

    static final int IDEMPOTENCY_KEY_MAX = 100;
    private static final String BEARER = "Bearer ";

    record AnswerBody(String answer) {
    }

    record ReceiptBody(String reference, String trackingToken, String trackingUrl, String status) {
    }

    private final IntakeService intake;
    private final IdempotencyStore idempotency;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    ApplicationApi(IntakeService intake, IdempotencyStore idempotency, PlatformTransactionManager transactionManager,
            ObjectMapper json, Clock clock) {
        this.intake = intake;
        this.idempotency = idempotency;
        this.transaction = new TransactionTemplate(transactionManager);
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/campaigns/{campaignId}/applications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Déposer une candidature",
            description = "Renvoie la référence et le jeton de suivi privé (conservé haché : il ne sera plus "
                    + "jamais communiqué). Un en-tête Idempotency-Key déjà vu de ce client depuis moins de 24 heures "
                    + "renvoie la première réponse. Les dépôts sont limités par client et par adresse de contact : "
                    + "au-delà, 429 avec Retry-After.")
    ResponseEntity<String> submit(@PathVariable String campaignId, @RequestBody ApplicationSubmission submission,
            @Parameter(description = "Clé choisie par le client pour rejouer une requête sans doublon ; "
                    + "propre à ce client, conservée 24 heures")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request) {
        String client = request.getRemoteAddr();
        if (idempotencyKey == null) {
            return respond(created(client, campaignId, submission, null));
        }
        if (Texts.isBlank(idempotencyKey) || idempotencyKey.length() > IDEMPOTENCY_KEY_MAX) {
            throw new InvalidApplicationException(Map.of("Idempotency-Key",
                    "La clé d'idempotence doit comporter de 1 à " + IDEMPOTENCY_KEY_MAX + " caractères."));
        }
        String requestHash = hash(campaignId + "\n" + toJson(submission));
        try {
            return respond(transaction.execute(status -> idempotency.find(client, idempotencyKey, clock.instant())
                    .map(first -> sameRequest(first, requestHash))
                    .orElseGet(() -> created(client, campaignId, submission, idempotencyKey, requestHash))));
        } catch (DuplicateKeyException sameKeyCommittedFirst) {
            return respond(sameRequest(idempotency.find(client, idempotencyKey, clock.instant()).orElseThrow(),
                    requestHash));
        }
    }

    @GetMapping("/applications/{reference}")
    @Operation(summary = "Suivre sa candidature")
    ApplicationView get(@PathVariable String reference,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return ApplicationView.of(intake.track(reference, token(authorization)));
    }

    @PostMapping(path = "/applications/{reference}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Joindre un document PDF (10 Mo au plus)",
            description = "Avec informationRequestId, le document répond à la demande de compléments ouverte.")
    ResponseEntity<ApplicationView.Document> addDocument(@PathVariable String reference,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String informationRequestId) {
        String token = token(authorization);
        List<UploadedFile> files = file == null || file.isEmpty() ? List.of() : List.of(uploaded(file));
        List<DocumentInfo> added = intake.addDocuments(reference, token, informationRequestId, files);
        return ResponseEntity.status(HttpStatus.CREATED).body(ApplicationView.document(added.get(0)));
    }

    @PostMapping(path = "/applications/{reference}/answer", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Répondre à la demande de compléments ouverte",
            description = "Les documents de la réponse se joignent d'abord avec informationRequestId.")
    ApplicationView answer(@PathVariable String reference,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody AnswerBody body) {
        String token = token(authorization);
        intake.answerInformationRequest(reference, token, body.answer(), List.of());
        return ApplicationView.of(intake.track(reference, token));
    }

    @PostMapping("/applications/{reference}/withdrawal")
    @Operation(summary = "Retirer sa candidature")
    ApplicationView withdraw(@PathVariable String reference,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String token = token(authorization);
        intake.withdraw(reference, token);
        return ApplicationView.of(intake.track(reference, token));
    }

    private static StoredResponse sameRequest(StoredResponse first, String requestHash) {
        if (!first.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException();
        }
        return first;
    }

    private StoredResponse created(String client, String campaignId, ApplicationSubmission submission,
            String idempotencyKey, String requestHash) {
        idempotency.claim(client, idempotencyKey, requestHash, clock.instant());
        StoredResponse response = created(client, campaignId, submission, requestHash);
        idempotency.complete(client, idempotencyKey, response);
        return response;
    }

    private StoredResponse created(String client, String campaignId, ApplicationSubmission submission,
            String requestHash) {
        SubmissionReceipt receipt = intake.submitFrom(client, campaignId, submission, List.of());
        ReceiptBody body = new ReceiptBody(receipt.reference(), receipt.trackingToken(), receipt.trackingUrl(),
                "SUBMITTED");
        return new StoredResponse(requestHash, HttpStatus.CREATED.value(), "/api/applications/" + receipt.reference(),
                toJson(body));
    }

    private static ResponseEntity<String> respond(StoredResponse response) {
        return ResponseEntity.status(response.statusCode())
                .location(URI.create(response.location()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(response.body());
    }

    private static String token(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw new ApplicationNotFoundException();
        }
        return authorization.substring(BEARER.length()).strip();
    }

    /** A file over 10 MB is refused as the web server refused it before: unread, with the same 413 problem. */
    private static UploadedFile uploaded(MultipartFile file) {
        if (file.getSize() > DocumentService.MAX_BYTES) {
            throw new MaxUploadSizeExceededException(DocumentService.MAX_BYTES);
        }
        try {
            return new UploadedFile(file.getOriginalFilename(), file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

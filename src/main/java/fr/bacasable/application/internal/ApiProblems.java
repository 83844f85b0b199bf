package fr.bacasable.application.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import fr.bacasable.application.ApplicationNotFoundException;
import fr.bacasable.application.ApplicationStateException;
import fr.bacasable.application.CampaignClosedException;
import fr.bacasable.application.InvalidApplicationException;
import fr.bacasable.application.UnknownCampaignException;
import fr.bacasable.document.InvalidDocumentException;
import fr.bacasable.shared.DatabaseOutage;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 7807 problems for the applicants' API, in French, naming each bad field. */
@RestControllerAdvice(assignableTypes = ApplicationApi.class)
class ApiProblems {

    record FieldError(String field, String message) {
    }

    @ExceptionHandler(InvalidApplicationException.class)
    ProblemDetail invalid(InvalidApplicationException e) {
        return withErrors(problem(HttpStatus.BAD_REQUEST, "Requête invalide",
                "Certains champs sont absents ou invalides."), e.problems());
    }

    @ExceptionHandler(InvalidDocumentException.class)
    ProblemDetail invalidDocument(InvalidDocumentException e) {
        HttpStatus status = e.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return withErrors(problem(status, "Document refusé", e.getMessage()), Map.of("file", e.getMessage()));
    }

    @ExceptionHandler(UnknownCampaignException.class)
    ProblemDetail unknownCampaign(UnknownCampaignException e) {
        return problem(HttpStatus.NOT_FOUND, "Campagne introuvable", e.getMessage());
    }

    @ExceptionHandler(CampaignClosedException.class)
    ProblemDetail closed(CampaignClosedException e) {
        return problem(HttpStatus.CONFLICT, "Campagne fermée", e.getMessage());
    }

    @ExceptionHandler(ApplicationNotFoundException.class)
    ProblemDetail notFound(ApplicationNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Candidature introuvable", e.getMessage());
    }

    @ExceptionHandler(ApplicationStateException.class)
    ProblemDetail state(ApplicationStateException e) {
        return problem(HttpStatus.CONFLICT, "Action impossible", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail reusedKey(IdempotencyKeyReusedException e) {
        return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Clé d'idempotence réutilisée", e.getMessage()),
                Map.of("Idempotency-Key", e.getMessage()));
    }

    @ExceptionHandler(TooManySubmissionsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManySubmissionsException e) {
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "Trop de candidatures", e.getMessage());
        if (e.field() != null) {
            withErrors(problem, Map.of(e.field(), e.getMessage()));
        }
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A real concurrent update is a 409; a flush that failed because the database is away is a 503. */
    @ExceptionHandler(OptimisticLockingException.class)
    ResponseEntity<ProblemDetail> concurrent(OptimisticLockingException e) {
        if (DatabaseOutage.isCause(e)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.TITLE, DatabaseOutage.MESSAGE));
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "Modification concurrente",
                "La candidature vient d'être modifiée par ailleurs. Rechargez-la puis réessayez."));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Requête illisible",
                "Le corps de la requête n'est pas un JSON valide pour cette opération.");
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : String.valueOf(reference.getIndex()))
                    .collect(Collectors.joining("."));
            String message = mapping instanceof InvalidFormatException invalid
                    ? "La valeur « " + invalid.getValue() + " » n'a pas le type attendu."
                    : mapping instanceof MismatchedInputException ? "Cette valeur n'a pas le type attendu."
                    : "Valeur illisible.";
            return withErrors(problem, Map.of(field, message));
        }
        return problem;
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return withErrors(problem(HttpStatus.BAD_REQUEST, "En-tête manquant", "Un en-tête obligatoire manque."),
                Map.of(e.getHeaderName(), "En-tête obligatoire."));
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ProblemDetail withErrors(ProblemDetail problem, Map<String, String> errors) {
        List<FieldError> list = errors.entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList();
        problem.setProperty("errors", list);
        return problem;
    }
}

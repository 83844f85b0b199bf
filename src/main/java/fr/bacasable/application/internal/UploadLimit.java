package fr.bacasable.application.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the limit is refused before any controller runs: 413 with a French problem for
 * the API, or a French page for the portal.
 */
@RestControllerAdvice
class UploadLimit {

    static final String MESSAGE = "Chaque document doit être un PDF de 10 Mo au plus.";

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<?> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail problem = ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Document trop volumineux",
                    MESSAGE);
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.TEXT_HTML)
                .body("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Document trop volumineux"
                        + "</title></head><body><main><h1>Document trop volumineux</h1><p>" + MESSAGE
                        + " Revenez à la page précédente pour joindre un fichier plus léger.</p></main></body></html>");
    }
}

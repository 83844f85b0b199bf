package fr.bacasable.application.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Requests refused before any controller is chosen (upload over the limit, unreadable multipart,
 * wrong media type or method): a French RFC 7807 problem for the API, a short French page otherwise.
 */
@RestControllerAdvice
class RequestProblems {

    static final String TOO_LARGE = "Chaque document doit être un PDF de 10 Mo au plus.";
    private static final String TRACKING = "/suivi/";
    private static final String CAMPAIGNS = "/campagnes/";
    private static final String ANSWER = "/reponse";

    /**
     * Under {@code /api} a problem; elsewhere a portal page that leads back to the form (a request
     * over the web server's limit cannot be read, so the answers cannot be kept: a file over 10 MB
     * in a smaller request is refused by the form itself, with the answers).
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response) {
        if (Refusals.isApi(request)) {
            return refuse(request, HttpStatus.PAYLOAD_TOO_LARGE, "Document trop volumineux", TOO_LARGE);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(TRACKING)) {
            PortalPages.keepPrivate(response);
        }
        ModelAndView page = new ModelAndView("portal/too-large", HttpStatus.PAYLOAD_TOO_LARGE);
        String formPath = path.endsWith(ANSWER) ? path.substring(0, path.length() - ANSWER.length()) : path;
        page.addObject("formPath", path.startsWith(TRACKING) || path.startsWith(CAMPAIGNS) ? formPath : "/");
        page.addObject("private", path.startsWith(TRACKING));
        return page;
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<?> unreadableMultipart(MultipartException e, HttpServletRequest request) {
        return refuse(request, HttpStatus.BAD_REQUEST, "Envoi de fichier illisible",
                "Envoyez les documents dans un formulaire multipart valide.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<?> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return refuse(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format non pris en charge",
                "Envoyez du JSON (application/json), ou un formulaire multipart pour les documents.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<?> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return refuse(request, HttpStatus.METHOD_NOT_ALLOWED, "Méthode non prise en charge",
                "Cette adresse n'accepte pas la méthode " + e.getMethod() + ".");
    }

    private static ResponseEntity<?> refuse(HttpServletRequest request, HttpStatus status, String title,
            String detail) {
        if (Refusals.isApi(request)) {
            ProblemDetail problem = ApiProblems.problem(status, title, detail);
            problem.setInstance(Refusals.instance(request.getRequestURI()));
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                .body(Refusals.page(new Refusals.Wording(title, detail)));
    }
}

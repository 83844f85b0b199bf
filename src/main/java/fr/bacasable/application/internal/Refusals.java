package fr.bacasable.application.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * How a refused request is answered, wherever it is refused (a controller, Spring MVC, the servlet
 * container's error page, Tomcat itself): an RFC 7807 problem in French under {@code /api}, a short
 * French page elsewhere.
 */
final class Refusals {

    record Wording(String title, String detail) {
    }

    static final String API_PREFIX = "/api/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Wording CLIENT_ERROR = new Wording("Requête refusée",
            "La requête ne peut pas être traitée telle qu'elle a été envoyée.");
    private static final Wording SERVER_ERROR = new Wording("Erreur inattendue",
            "Le service n'a pas pu traiter la requête. Réessayez dans quelques instants.");
    private static final Map<Integer, Wording> WORDINGS = Map.of(
            400, new Wording("Requête mal formée",
                    "La requête n'a pas pu être lue : son adresse, ses en-têtes ou son corps sont mal formés."),
            404, new Wording("Adresse inconnue", "Cette adresse ne correspond à aucune page ni à aucune opération."),
            405, new Wording("Méthode non prise en charge", "Cette adresse n'accepte pas cette méthode."),
            406, new Wording("Format de réponse indisponible",
                    "Cette adresse ne répond qu'en JSON (application/json) ou en HTML."),
            408, new Wording("Requête trop lente", "La requête n'a pas été reçue en entier à temps."),
            413, new Wording("Requête trop volumineuse", "Le corps de la requête dépasse la taille admise."),
            414, new Wording("Adresse trop longue", "L'adresse demandée dépasse la longueur admise."),
            415, new Wording("Format non pris en charge",
                    "Envoyez du JSON (application/json), ou un formulaire multipart pour les documents."),
            431, new Wording("En-têtes trop volumineux", "Les en-têtes de la requête dépassent la taille admise."));

    private Refusals() {
    }

    /** Whether the path, without the context path, is the API's: {@code /api}, {@code /api/…} or {@code /api;…}. */
    static boolean isApi(String path) {
        return path != null && (path.startsWith(API_PREFIX) || path.equals("/api") || path.startsWith("/api;"));
    }

    static boolean isApi(HttpServletRequest request) {
        return isApi(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Answers the request with a refusal, from a filter: before Spring MVC, and without an error dispatch. */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, Wording wording)
            throws IOException {
        boolean api = isApi(request);
        response.setStatus(status);
        response.setContentType(api ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(api ? problemJson(status, wording, request.getRequestURI()) : page(wording));
    }

    static Wording wording(int status) {
        return WORDINGS.getOrDefault(status, status >= 500 ? SERVER_ERROR : CLIENT_ERROR);
    }

    /** The problem as JSON text, for the places where no message converter is at hand. */
    static String problemJson(int status, Wording wording, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", wording.title());
        problem.put("status", status);
        problem.put("detail", wording.detail());
        if (instance != null) {
            problem.put("instance", instance);
        }
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page that needs nothing else to render: no template, no style sheet, no session. */
    static String page(Wording wording) {
        String title = escape(wording.title());
        return "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><main><h1>" + title + "</h1><p>" + escape(wording.detail())
                + " Revenez à la page précédente pour corriger votre envoi, ou à l'<a href=\"/\">accueil</a>."
                + "</p></main></body></html>";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    /** The address as a problem's {@code instance}, or none when it is not a valid URI reference. */
    static URI instance(String path) {
        try {
            return path == null ? null : new URI(path);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static HttpStatus statusOr(int status, HttpStatus fallback) {
        HttpStatus resolved = HttpStatus.resolve(status);
        return resolved == null ? fallback : resolved;
    }
}

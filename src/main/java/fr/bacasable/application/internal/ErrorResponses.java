package fr.bacasable.application.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}), in place of Spring Boot's: what no
 * controller answered (an unknown address, a method or a media type Spring MVC refused, a
 * failure) gets a French problem under {@code /api} and a French page elsewhere, never the
 * "Whitelabel" page nor Spring Boot's JSON. The content type is set on the servlet response
 * itself: Spring MVC keeps one set earlier (a static file's, for an address ending in .json).
 */
@Controller
class ErrorResponses implements ErrorController {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<String> error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = Refusals.statusOr(code instanceof Integer value ? value : 500,
                HttpStatus.INTERNAL_SERVER_ERROR);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        Refusals.Wording wording = Refusals.wording(status.value());
        boolean api = Refusals.isApi(path.substring(request.getContextPath().length()));
        MediaType type = api ? MediaType.APPLICATION_PROBLEM_JSON : HTML;
        response.setContentType(type.toString());
        return ResponseEntity.status(status).contentType(type)
                .body(api ? Refusals.problemJson(status.value(), wording, path) : Refusals.page(wording));
    }
}

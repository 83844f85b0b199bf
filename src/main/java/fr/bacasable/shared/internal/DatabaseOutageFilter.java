package fr.bacasable.shared.internal;

import fr.bacasable.shared.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * A request that fails because the database cannot be reached gets a 503 with {@code Retry-After}
 * and a French message: an RFC 7807 problem on the APIs, a short page elsewhere. Never a 500. An
 * error counts too: the PostgreSQL driver reports a connection lost in the middle of a batch as an
 * {@code AssertionError} whose cause is the lost connection.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException | Error e) {
            if (!DatabaseOutage.isCause(e) || response.isCommitted()) {
                throw e;
            }
            LOG.warn("Database unreachable during {} {}: {}", request.getMethod(), request.getRequestURI(),
                    e.toString());
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            if (isApi(request)) {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + DatabaseOutage.TITLE
                        + "\",\"status\":503,\"detail\":\"" + DatabaseOutage.MESSAGE + "\"}");
            } else {
                response.setContentType(MediaType.TEXT_HTML_VALUE);
                response.getWriter().write("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>"
                        + DatabaseOutage.TITLE + "</title></head><body><main><h1>" + DatabaseOutage.TITLE
                        + "</h1><p>" + HtmlUtils.htmlEscape(DatabaseOutage.MESSAGE) + "</p></main></body></html>");
            }
        }
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/");
    }
}

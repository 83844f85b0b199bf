package fr.bacasable.security.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before the engine sees it, any request to the engine's APIs that names an
 * {@code …Expression} key: as a parameter or as a JSON key at any depth (task queries, their
 * {@code orQueries}, filters and their extending queries). The engine refuses them too (see
 * {@link ScopedExpressionManager}); this gives people a clean 400 instead of an engine error.
 */
@Configuration(proxyBeanMethods = false)
class QueryExpressionFilter {

    private static final JsonFactory JSON = new JsonFactory();

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> queryExpressionRefusal() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                HttpServletRequest checked = isJson(request) ? new BufferedRequest(request) : request;
                if (checked instanceof BufferedRequest buffered && buffered.isTruncated()) {
                    response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                    return;
                }
                Optional<String> expressionKey = expressionParameter(checked)
                        .or(() -> checked instanceof BufferedRequest buffered ? expressionKey(buffered.body())
                                : Optional.empty());
                if (expressionKey.isPresent()) {
                    refuse(response, expressionKey.get());
                    return;
                }
                chain.doFilter(checked, response);
            }
        });
        registration.setName("query-expression-refusal");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        return registration;
    }

    private static boolean isJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    private static Optional<String> expressionParameter(HttpServletRequest request) {
        return Collections.list(request.getParameterNames()).stream().filter(QueryExpressionFilter::isExpressionKey)
                .findFirst();
    }

    private static Optional<String> expressionKey(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && isExpressionKey(parser.currentName())) {
                    return Optional.of(parser.currentName());
                }
            }
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Optional.empty();
    }

    private static boolean isExpressionKey(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("expression");
    }

    private static void refuse(HttpServletResponse response, String key) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String detail = ScopedExpressionManager.REFUSED;
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Requête refusée\",\"status\":400,"
                + "\"detail\":\"" + detail + "\",\"message\":\"" + detail + "\",\"field\":\""
                + key.replaceAll("[^A-Za-z0-9_.-]", "") + "\"}");
    }
}

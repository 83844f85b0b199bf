package fr.bacasable.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers of our own pages and API ({@code /}, the portal, {@code /suivi/…}, {@code /staff/…},
 * {@code /cases/…}, {@code /api/…}): a content security policy with no inline script or style and
 * no framing, no MIME sniffing, no Referer (tracking links are in addresses), and HSTS when
 * {@code bas.security.hsts} is set (profile {@code prod}). The Camunda web applications, the engine
 * REST API and Swagger UI keep their own headers (Camunda's {@code header-security} settings).
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Paths served by others, with their own headers and scripts. */
    static final List<String> OTHERS = List.of("/camunda/", "/engine-rest/", "/swagger-ui/", "/v3/api-docs",
            "/api-docs.html", "/webjars/");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter(@Value("${bas.security.hsts:}") String hsts) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        if (!hsts.isBlank()) {
                            response.setHeader("Strict-Transport-Security", hsts);
                        }
                        String path = request.getRequestURI().substring(request.getContextPath().length());
                        if (OTHERS.stream().noneMatch(path::startsWith)) {
                            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                            response.setHeader("X-Frame-Options", "DENY");
                            response.setHeader("X-Content-Type-Options", "nosniff");
                            response.setHeader("Referrer-Policy", "no-referrer");
                        }
                        chain.doFilter(request, response);
                    }
                });
        registration.setName("security-headers");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}

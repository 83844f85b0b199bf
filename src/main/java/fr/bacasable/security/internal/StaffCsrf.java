package fr.bacasable.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

/**
 * Cross-site request forgery on the staff pages ({@code /staff/**}, {@code /cases/**}, the login
 * included): every unsafe request must come from this site (its {@code Origin}, else its
 * {@code Referer}, when the browser sends one other than {@value #OPAQUE_ORIGIN}) and carry the
 * session's synchronizer token in the field {@value #FIELD}. Thymeleaf adds that hidden field to
 * every form of a staff page through the {@link RequestDataValueProcessor}; the token is made with
 * the session and changes with it at login. A refused request gets a French 403 page and reaches
 * no controller.
 */
@Configuration(proxyBeanMethods = false)
class StaffCsrf {

    static final String FIELD = "_csrf";
    static final String SESSION_ATTRIBUTE = StaffCsrf.class.getName() + ".token";
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /**
     * What browsers send as the Origin of a form posted from a page with {@code Referrer-Policy:
     * no-referrer}, as all our pages are: no claim either way, the token decides.
     */
    static final String OPAQUE_ORIGIN = "null";
    static final String REFUSED_PAGE = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            + "<title>Requête refusée — Bac à sable</title><link rel=\"stylesheet\" href=\"/css/portal.css\"></head>"
            + "<body><main><h1>Requête refusée</h1><p>Cette action n'a pas été faite : elle ne vient pas d'une page "
            + "du bac à sable ouverte dans votre session, ou cette page est trop ancienne. Rechargez la page puis "
            + "recommencez.</p></main></body></html>";

    private static final Logger LOG = LoggerFactory.getLogger(StaffCsrf.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> staffCsrfFilter(@Value("${bas.public-url}") String publicUrl) {
        String publicOrigin = origin(publicUrl);
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        if (SAFE_METHODS.contains(request.getMethod()) || admitted(request, publicOrigin)) {
                            chain.doFilter(request, response);
                            return;
                        }
                        LOG.warn("Refused a {} to {} without a valid token or from another origin",
                                request.getMethod(), request.getRequestURI());
                        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                        response.setContentType("text/html;charset=UTF-8");
                        response.getOutputStream().write(REFUSED_PAGE.getBytes(StandardCharsets.UTF_8));
                    }
                });
        registration.setName("staff-csrf");
        registration.addUrlPatterns("/staff/*", "/cases/*");
        return registration;
    }

    /** Adds the token field to the forms of the staff pages only: the public portal keeps no session. */
    @Bean(name = "requestDataValueProcessor")
    RequestDataValueProcessor requestDataValueProcessor() {
        return new RequestDataValueProcessor() {
            @Override
            public String processAction(HttpServletRequest request, String action, String httpMethod) {
                return action;
            }

            @Override
            public String processFormFieldValue(HttpServletRequest request, String name, String value, String type) {
                return value;
            }

            @Override
            public Map<String, String> getExtraHiddenFields(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return path.startsWith("/staff/") || path.startsWith("/cases/")
                        ? Map.of(FIELD, token(request.getSession())) : Map.of();
            }

            @Override
            public String processUrl(HttpServletRequest request, String url) {
                return url;
            }
        };
    }

    static String token(HttpSession session) {
        Object token = session.getAttribute(SESSION_ATTRIBUTE);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_ATTRIBUTE, token);
        }
        return (String) token;
    }

    private static boolean admitted(HttpServletRequest request, String publicOrigin) {
        String origin = request.getHeader("Origin");
        String claimed = origin != null && !OPAQUE_ORIGIN.equals(origin) ? origin
                : request.getHeader("Referer") == null ? null : origin(request.getHeader("Referer"));
        if (claimed != null && !claimed.equals(ownOrigin(request)) && !claimed.equals(publicOrigin)) {
            return false;
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        String sent = request.getParameter(FIELD);
        return expected != null && sent != null && MessageDigest.isEqual(
                ((String) expected).getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static String ownOrigin(HttpServletRequest request) {
        boolean defaultPort = "http".equals(request.getScheme()) && request.getServerPort() == 80
                || "https".equals(request.getScheme()) && request.getServerPort() == 443;
        return request.getScheme() + "://" + request.getServerName()
                + (defaultPort ? "" : ":" + request.getServerPort());
    }

    /** The scheme, host and port of an address, as an Origin header writes them; "" when unreadable. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            return uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}

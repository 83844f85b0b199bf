package fr.bacasable.security.internal;

import fr.bacasable.shared.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@link LoginThrottle} on the logins that the engine and the Camunda web applications handle: the
 * web applications' login ({@code POST /camunda/api/admin/auth/user/default/login/{app}}) and HTTP
 * Basic on {@code /engine-rest}. A throttled client gets a French 429 with {@code Retry-After}
 * before its password is checked; a 401 answer counts as a failure. The staff login page counts
 * its own ({@link StaffLoginController}).
 */
@Configuration(proxyBeanMethods = false)
class LoginThrottleFilters {

    static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/default/login/*";
    private static final String BASIC = "Basic ";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappLoginThrottle(LoginThrottle throttle) {
        return registration("webapp-login-throttle", throttle,
                request -> "POST".equals(request.getMethod()) ? request.getParameter("username") : null, WEBAPP_LOGIN);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRestLoginThrottle(LoginThrottle throttle) {
        return registration("engine-rest-login-throttle", throttle, LoginThrottleFilters::basicUser, "/engine-rest/*");
    }

    private static FilterRegistrationBean<OncePerRequestFilter> registration(String name, LoginThrottle throttle,
            Function<HttpServletRequest, String> userOf, String pattern) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        String userId = userOf.apply(request);
                        if (userId == null) {
                            chain.doFilter(request, response);
                            return;
                        }
                        String client = request.getRemoteAddr();
                        Optional<Duration> refusal = throttle.refusal(client, userId);
                        if (refusal.isPresent()) {
                            refuse(response, refusal.get());
                            return;
                        }
                        chain.doFilter(request, response);
                        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                            throttle.failed(client, userId);
                        } else if (response.getStatus() < HttpServletResponse.SC_BAD_REQUEST) {
                            throttle.succeeded(client, userId);
                        }
                    }
                });
        registration.setName(name);
        registration.addUrlPatterns(pattern);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The user id of an HTTP Basic header, or null without one. */
    static String basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? credentials : credentials.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void refuse(HttpServletResponse response, Duration wait) throws IOException {
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RateLimiter.retryAfterSeconds(wait)));
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(("{\"type\":\"TooManyLoginFailures\",\"message\":\""
                + LoginThrottle.refusedMessage(wait) + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}

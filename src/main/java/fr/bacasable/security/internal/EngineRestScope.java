package fr.bacasable.security.internal;

import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.security.StaffUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Which parts of the engine's API each role may call at all, before the engine's own authorization
 * checks what they may see there. Reviewers, the committee and the president work their tasks in
 * Tasklist: tasks, filters, process definitions, users and groups, their task's operation log.
 * Programme managers also watch the programme (instances, history, decisions, deployments, jobs,
 * incidents, metrics) but never move a process by hand (messages, signals, migrations, batches)
 * nor change the engine's housekeeping. {@code inspection} reaches nothing. Administrators are not
 * limited. Nobody anonymous reaches the engine REST API, not even its list of engines. The engine
 * REST API's authentication filter runs first (see {@link EngineRestSecurity}).
 * Both routes are covered: {@code /engine-rest/…} (also as {@code /engine-rest/engine/{name}/…})
 * and the web applications' {@code /camunda/api/engine/engine/{name}/…}.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestScope {

    static final String REFUSED = "Cette partie de l'API du moteur n'est pas ouverte à votre rôle.";

    private static final List<String> STAFF_RESOURCES = List.of("/engine", "/task", "/filter", "/process-definition", "/user",
            "/group", "/identity", "/history/user-operation", "/password-policy");
    private static final List<String> MANAGER_RESOURCES = List.of("/process-instance", "/history", "/decision-definition",
            "/decision-requirements-definition", "/deployment", "/incident", "/job", "/job-definition", "/metrics",
            "/variable-instance", "/execution", "/event-subscription", "/external-task", "/authorization");
    private static final List<String> ADMIN_RESOURCES = List.of("/history/cleanup", "/deployment/create", "/message", "/signal",
            "/condition", "/migration", "/modification", "/batch", "/telemetry", "/schema");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRestScopeFilter(IdentityService identityService,
            StaffAccess staffAccess) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Optional<String> engine = EnginePaths.enginePath(request);
                Optional<List<String>> groups = request.getRequestURI().startsWith(request.getContextPath() + "/camunda/")
                        ? staffAccess.current(request).map(StaffUser::groupIds)
                        : Optional.ofNullable(identityService.getCurrentAuthentication()).map(EngineRestScope::groupsOf);
                if (engine.isPresent() && groups.isEmpty() && request.getRequestURI().startsWith(request.getContextPath()
                        + "/engine-rest") && !isStaff(request.getHeader("Authorization"), identityService)) {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"default\"");
                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                    return;
                }
                if (engine.isPresent() && groups.isPresent() && !allowed(engine.get().toLowerCase(Locale.ROOT), groups.get())) {
                    refuse(response);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setName("engine-rest-scope");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    static boolean allowed(String resource, List<String> groups) {
        if (groups.contains(StaffGroups.CAMUNDA_ADMIN)) {
            return true;
        }
        if (resource.isEmpty() || groups.contains(StaffGroups.INSPECTION) || startsWithAny(resource, ADMIN_RESOURCES)) {
            return false;
        }
        if (startsWithAny(resource, STAFF_RESOURCES)) {
            return true;
        }
        return groups.contains(StaffGroups.PROGRAMME_MANAGERS) && startsWithAny(resource, MANAGER_RESOURCES);
    }

    /** Basic credentials of a staff member, for the one engine REST path its authentication filter lets through. */
    private static boolean isStaff(String authorization, IdentityService identityService) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = credentials.indexOf(':');
        if (colon < 1 || !identityService.checkPassword(credentials.substring(0, colon), credentials.substring(colon + 1))) {
            return false;
        }
        return identityService.createGroupQuery().groupMember(credentials.substring(0, colon))
                .groupId(StaffGroups.INSPECTION).count() == 0;
    }

    private static boolean startsWithAny(String resource, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> resource.equals(prefix) || resource.startsWith(prefix + "/"));
    }

    private static List<String> groupsOf(Authentication authentication) {
        return authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Accès refusé\",\"status\":403,\"detail\":\""
                + REFUSED + "\",\"message\":\"" + REFUSED + "\"}");
    }
}

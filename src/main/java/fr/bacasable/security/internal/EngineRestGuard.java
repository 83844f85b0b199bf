package fr.bacasable.security.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What people may not do through the engine REST API, whatever their authorizations, on
 * {@code /engine-rest/…} and on the web applications' {@code /camunda/api/engine/engine/{name}/…}:
 * <ul>
 * <li>start a process anywhere but at its start event ({@code startInstructions},
 * {@code skipCustomListeners}, {@code skipIoMappings} on start and submit-form): 400;</li>
 * <li>start a process that people do not start by design (only {@code bas.security.startable-processes};
 * applications start through the intake): 403;</li>
 * <li>move processes by hand: modifications, restarts, migrations, process-instance and execution
 * variable writes, messages, signals and execution triggers, for everyone but {@code camunda-admin}: 403.</li>
 * </ul>
 * The answer is a French RFC 7807 problem; the request never reaches the engine.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestGuard {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRestGuard.class);

    static final Set<String> FORBIDDEN_START_PARAMETERS = Set.of("startInstructions", "skipCustomListeners",
            "skipIoMappings");
    /** Engine paths after the prefix: the start routes, by key (group 1) or by id (group 2). */
    static final Pattern START = Pattern.compile(
            "/process-definition/(?:key/([^/]+)(?:/tenant-id/[^/]+)?|([^/]+))/(?:start|submit-form)");
    /** Unsafe requests that move processes, refused to all but administrators. */
    static final List<Pattern> ADMIN_ONLY = List.of(
            Pattern.compile("/process-instance/[^/]+/modification(?:-async)?"),
            Pattern.compile("/modification/execute(?:Async)?"),
            Pattern.compile("/process-instance/[^/]+/variables(?:/.*)?"),
            Pattern.compile("/process-instance/variables-async"),
            Pattern.compile("/execution/[^/]+/(?:localVariables(?:/.*)?|signal|messageSubscriptions/.*)"),
            Pattern.compile("/process-definition/(?:key/[^/]+(?:/tenant-id/[^/]+)?|[^/]+)/restart(?:-async)?"),
            Pattern.compile("/migration/execute(?:Async)?"),
            Pattern.compile("/message(?:/.*)?"),
            Pattern.compile("/signal(?:/.*)?"));
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRestGuardFilter(StaffAccess staffAccess,
            IdentityService identityService, RepositoryService repositoryService, ObjectMapper json,
            @Value("${bas.security.startable-processes}") Set<String> startableProcesses) {
        Guard guard = new Guard(staffAccess, identityService, repositoryService, json, startableProcesses);
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        if (SAFE_METHODS.contains(request.getMethod()) || guard.anonymous(request)) {
                            chain.doFilter(request, response);
                            return;
                        }
                        Optional<String> path = EnginePaths.enginePath(request);
                        HttpServletRequest forwarded = path.isPresent() && START.matcher(path.get()).matches()
                                ? new BufferedRequest(request) : request;
                        Optional<ProblemDetail> refusal = path.flatMap(enginePath -> guard.refusal(enginePath,
                                forwarded));
                        if (refusal.isPresent()) {
                            LOG.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(),
                                    refusal.get().getDetail());
                            response.setStatus(refusal.get().getStatus());
                            response.setContentType("application/problem+json;charset=UTF-8");
                            response.getOutputStream().write(json.writeValueAsBytes(refusal.get()));
                            return;
                        }
                        chain.doFilter(forwarded, response);
                    }
                });
        registration.setName("engine-rest-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        return registration;
    }

    /** The rules. */
    record Guard(StaffAccess staffAccess, IdentityService identityService, RepositoryService repositoryService,
            ObjectMapper json, Set<String> startableProcesses) {

        /** Why the request to the engine path {@code path} is refused, if it is. */
        Optional<ProblemDetail> refusal(String path, HttpServletRequest request) {
            Matcher start = START.matcher(path);
            if (start.matches()) {
                return startRefusal((BufferedRequest) request, start.group(1) != null ? start.group(1)
                        : start.group(2), start.group(1) == null);
            }
            if (ADMIN_ONLY.stream().anyMatch(pattern -> pattern.matcher(path).matches()) && !isAdministrator(request)) {
                return Optional.of(problem(HttpStatus.FORBIDDEN, "Action réservée à l'administration",
                        "Les processus avancent par l'application, pas à la main : modifications, redémarrages, "
                                + "migrations, variables de processus, messages et signaux sont réservés à "
                                + "l'administration technique."));
            }
            return Optional.empty();
        }

        private Optional<ProblemDetail> startRefusal(BufferedRequest request, String keyOrId, boolean byId) {
            if (request.isTruncated()) {
                return Optional.of(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Démarrage refusé",
                        "La requête de démarrage est trop volumineuse."));
            }
            Optional<String> forbidden = forbiddenStartParameter(request);
            if (forbidden.isPresent()) {
                return Optional.of(problem(HttpStatus.BAD_REQUEST, "Démarrage refusé", "Un processus ne démarre "
                        + "qu'à son événement de début : le paramètre « " + forbidden.get() + " » est refusé."));
            }
            String key = byId ? Optional.ofNullable(repositoryService.createProcessDefinitionQuery()
                    .processDefinitionId(keyOrId).singleResult()).map(ProcessDefinition::getKey).orElse(keyOrId)
                    : keyOrId;
            if (!startableProcesses.contains(key)) {
                return Optional.of(problem(HttpStatus.FORBIDDEN, "Démarrage refusé", "Ce processus ne se démarre "
                        + "pas à la main : les candidatures arrivent par le portail et l'API des candidats."));
            }
            return Optional.empty();
        }

        private Optional<String> forbiddenStartParameter(BufferedRequest request) {
            try {
                JsonNode body = request.body().length == 0 ? null : json.readTree(request.body());
                if (body == null || !body.isObject()) {
                    return Optional.empty();
                }
                return FORBIDDEN_START_PARAMETERS.stream().filter(body::has).sorted().findFirst();
            } catch (IOException unreadable) {
                return Optional.empty();
            }
        }

        /** No credentials at all: the engine's or the web applications' authentication answers 401 itself. */
        boolean anonymous(HttpServletRequest request) {
            return isWebapp(request) ? staffAccess.current(request).isEmpty()
                    : LoginThrottleFilters.basicUser(request) == null;
        }

        private static boolean isWebapp(HttpServletRequest request) {
            return request.getRequestURI().startsWith(request.getContextPath() + "/camunda/");
        }

        private boolean isAdministrator(HttpServletRequest request) {
            if (isWebapp(request)) {
                return staffAccess.current(request).filter(user -> user.isMemberOfAny(StaffGroups.CAMUNDA_ADMIN))
                        .isPresent();
            }
            Authentication authenticated = identityService.getCurrentAuthentication();
            if (authenticated != null) {
                return authenticated.getGroupIds() != null
                        && authenticated.getGroupIds().contains(StaffGroups.CAMUNDA_ADMIN);
            }
            String userId = LoginThrottleFilters.basicUser(request);
            return userId != null && !userId.isEmpty() && identityService.createGroupQuery().groupMember(userId)
                    .groupId(StaffGroups.CAMUNDA_ADMIN).count() > 0;
        }

        private static ProblemDetail problem(HttpStatus status, String title, String detail) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(title);
            return problem;
        }
    }
}

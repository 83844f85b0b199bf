package fr.bacasable.security.internal;

import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The staff pages ({@code /cases/**}, {@code /staff/**}) need a logged-in staff member; anyone
 * else is sent to the login page, and the {@code inspection} group is refused. Each page then
 * checks the groups its content needs.
 */
@Configuration(proxyBeanMethods = false)
class StaffPagesGuard implements WebMvcConfigurer {

    private final StaffAccess staffAccess;

    StaffPagesGuard(StaffAccess staffAccess) {
        this.staffAccess = staffAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws Exception {
                return admit(request, response);
            }
        }).addPathPatterns("/cases/**", "/staff/**").excludePathPatterns(StaffLoginController.LOGIN_PATH,
                "/staff/logout");
    }

    private boolean admit(HttpServletRequest request, HttpServletResponse response) throws Exception {
        Optional<StaffUser> user = staffAccess.current(request);
        if (user.isEmpty()) {
            String target = request.getRequestURI().substring(request.getContextPath().length())
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect(request.getContextPath() + StaffLoginController.LOGIN_PATH + "?next="
                    + URLEncoder.encode(target, StandardCharsets.UTF_8));
            return false;
        }
        if (user.get().isMemberOfAny(StaffGroups.INSPECTION)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        return true;
    }
}

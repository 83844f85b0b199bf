package fr.bacasable.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Component;

/**
 * Who is logged in, read from the Camunda web applications' session: one login serves Tasklist,
 * Cockpit and the staff pages.
 */
@Component
public class StaffAccess {

    private final ProcessEngine processEngine;

    StaffAccess(ProcessEngine processEngine) {
        this.processEngine = processEngine;
    }

    public Optional<StaffUser> current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null
                || !(authentications.getAuthenticationForProcessEngine(processEngine.getName())
                        instanceof UserAuthentication user)) {
            return Optional.empty();
        }
        return Optional.of(new StaffUser(user.getIdentityId(), user.getGroupIds()));
    }
}

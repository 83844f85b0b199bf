package fr.bacasable.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Service;

/**
 * Signs staff in to the session of the Camunda web applications, so one login serves Tasklist,
 * Cockpit and the staff pages.
 */
@Service
class StaffSignIn {

    /** Every account may open Camunda's "welcome" page; staff are those who may open one of these. */
    static final List<String> STAFF_APPS = List.of("tasklist", "cockpit", "admin");

    private final ProcessEngine processEngine;

    StaffSignIn(ProcessEngine processEngine) {
        this.processEngine = processEngine;
    }

    boolean passwordMatches(String userId, String password) {
        return processEngine.getIdentityService().checkPassword(userId, password);
    }

    /** Opens a new session for a staff member; false, and no session, for an account that is not staff. */
    boolean openSession(String userId, HttpServletRequest request) {
        UserAuthentication authentication = AuthenticationUtil.createAuthentication(processEngine, userId);
        if (authentication == null || STAFF_APPS.stream().noneMatch(authentication::isAuthorizedForApp)) {
            return false;
        }
        AuthenticationUtil.revalidateSession(request, authentication);
        return true;
    }
}

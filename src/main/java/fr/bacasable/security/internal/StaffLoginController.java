package fr.bacasable.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff login of the application's own pages. It opens the same session as the Camunda web
 * applications' login, so one login serves Tasklist, Cockpit and the case pages.
 */
@Controller
class StaffLoginController {

    static final String LOGIN_PATH = "/staff/login";
    /** Every account may open Camunda's "welcome" page; staff are those who may open one of these. */
    static final List<String> STAFF_APPS = List.of("tasklist", "cockpit", "admin");

    private final ProcessEngine processEngine;
    private final IdentityService identityService;

    StaffLoginController(ProcessEngine processEngine) {
        this.processEngine = processEngine;
        this.identityService = processEngine.getIdentityService();
    }

    @GetMapping(LOGIN_PATH)
    String form(@RequestParam(defaultValue = "/") String next, Model model) {
        model.addAttribute("next", safeNext(next));
        return "staff/login";
    }

    @PostMapping(LOGIN_PATH)
    String login(@RequestParam String username, @RequestParam String password,
            @RequestParam(defaultValue = "/") String next, HttpServletRequest request, Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("username", username);
        if (username.isBlank() || !identityService.checkPassword(username.strip(), password)) {
            model.addAttribute("error", "Identifiant ou mot de passe incorrect.");
            return "staff/login";
        }
        UserAuthentication authentication = AuthenticationUtil.createAuthentication(processEngine, username.strip());
        if (authentication == null || STAFF_APPS.stream().noneMatch(authentication::isAuthorizedForApp)) {
            model.addAttribute("error", "Ce compte n'a pas accès au bac à sable.");
            return "staff/login";
        }
        AuthenticationUtil.revalidateSession(request, authentication);
        return "redirect:" + safeNext(next);
    }

    @PostMapping("/staff/logout")
    String logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/";
    }

    /** Only a path of this site: never an absolute or protocol-relative URL. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}

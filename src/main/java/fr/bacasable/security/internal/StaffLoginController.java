package fr.bacasable.security.internal;

import fr.bacasable.shared.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

    private final StaffSignIn signIn;
    private final LoginThrottle throttle;

    StaffLoginController(StaffSignIn signIn, LoginThrottle throttle) {
        this.signIn = signIn;
        this.throttle = throttle;
    }

    @GetMapping(LOGIN_PATH)
    String form(@RequestParam(defaultValue = "/") String next, Model model) {
        model.addAttribute("next", safeNext(next));
        return "staff/login";
    }

    @PostMapping(LOGIN_PATH)
    String login(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "/") String next, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("username", username);
        String client = request.getRemoteAddr();
        String userId = username.strip();
        Optional<Duration> refusal = throttle.refusal(client, userId);
        if (refusal.isPresent()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RateLimiter.retryAfterSeconds(refusal.get())));
            model.addAttribute("error", LoginThrottle.refusedMessage(refusal.get()));
            return "staff/login";
        }
        if (userId.isEmpty() || !signIn.passwordMatches(userId, password)) {
            throttle.failed(client, userId);
            model.addAttribute("error", "Identifiant ou mot de passe incorrect.");
            return "staff/login";
        }
        throttle.succeeded(client, userId);
        if (!signIn.openSession(userId, request)) {
            model.addAttribute("error", "Ce compte n'a pas accès au bac à sable.");
            return "staff/login";
        }
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

    /**
     * Only a plain path of this site, with its query: no scheme, host, fragment, backslash, control
     * character, empty, "." or ".." segment (encoded or not); anything else goes to the home page.
     */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.contains("\\")) {
            return "/";
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawFragment() != null
                    || uri.getPath() == null || uri.getPath().chars().anyMatch(Character::isISOControl)) {
                return "/";
            }
            String[] segments = uri.getPath().substring(1).split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                boolean last = i == segments.length - 1;
                if (segments[i].isEmpty() && !last || segments[i].equals(".") || segments[i].equals("..")) {
                    return "/";
                }
            }
            return next;
        } catch (URISyntaxException e) {
            return "/";
        }
    }
}

package fr.bacasable.notification.internal;

import fr.bacasable.notification.OutboxMessage;
import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.shared.ProgrammeTime;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The outbox for programme managers and administrators: what was sent, what waits and why, what failed. */
@Controller
class OutboxPageController {

    static final int LATEST = 200;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ProgrammeTime.ZONE);

    record Row(OutboxMessage message, String createdAt, String sentAt) {

        static Row of(OutboxMessage message) {
            return new Row(message, format(message.createdAt()), format(message.sentAt()));
        }

        private static String format(Instant instant) {
            return instant == null ? "" : DATE_TIME.format(instant);
        }
    }

    private final StaffAccess staffAccess;
    private final OutboxRepository outbox;
    private final SmtpMailer mailer;
    private final MailDispatchProperties dispatch;
    private final Clock clock;

    OutboxPageController(StaffAccess staffAccess, OutboxRepository outbox, SmtpMailer mailer,
            MailDispatchProperties dispatch, Clock clock) {
        this.staffAccess = staffAccess;
        this.outbox = outbox;
        this.mailer = mailer;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    @GetMapping("/staff/outbox")
    String outbox(HttpServletRequest request, Model model) {
        checkAllowed(request);
        model.addAttribute("rows", outbox.findLatest(LATEST).stream().map(Row::of).toList());
        model.addAttribute("latest", LATEST);
        model.addAttribute("smtpConfigured", mailer.isConfigured());
        model.addAttribute("maxAttempts", dispatch.maxAttempts());
        return "staff/outbox";
    }

    /** A FAILED message is sent again by the dispatcher, once: a second click finds it no longer FAILED. */
    @PostMapping("/staff/outbox/{id}/retry")
    String retry(@PathVariable String id, HttpServletRequest request, RedirectAttributes redirect) {
        checkAllowed(request);
        OutboxMessage message = outbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "Courriel introuvable."));
        boolean retried = outbox.retryFailed(id, clock.instant());
        redirect.addFlashAttribute("notice", retried
                ? "Le courriel « " + message.subject() + " » sera renvoyé dans quelques secondes."
                : "Ce courriel n'est pas en échec : il n'a pas été renvoyé.");
        return "redirect:/staff/outbox";
    }

    private void checkAllowed(HttpServletRequest request) {
        boolean allowed = staffAccess.current(request)
                .filter(user -> user.isMemberOfAny(StaffGroups.CAMUNDA_ADMIN, StaffGroups.PROGRAMME_MANAGERS))
                .isPresent();
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}

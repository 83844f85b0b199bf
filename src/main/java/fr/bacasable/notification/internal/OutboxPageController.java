package fr.bacasable.notification.internal;

import fr.bacasable.notification.OutboxMessage;
import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.shared.ProgrammeTime;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/** The outbox for programme managers and administrators: what was sent, what waits, and why. */
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

    OutboxPageController(StaffAccess staffAccess, OutboxRepository outbox, SmtpMailer mailer) {
        this.staffAccess = staffAccess;
        this.outbox = outbox;
        this.mailer = mailer;
    }

    @GetMapping("/staff/outbox")
    String outbox(HttpServletRequest request, Model model) {
        boolean allowed = staffAccess.current(request)
                .filter(user -> user.isMemberOfAny(StaffGroups.CAMUNDA_ADMIN, StaffGroups.PROGRAMME_MANAGERS))
                .isPresent();
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("rows", outbox.findLatest(LATEST).stream().map(Row::of).toList());
        model.addAttribute("latest", LATEST);
        model.addAttribute("smtpConfigured", mailer.isConfigured());
        return "staff/outbox";
    }
}

package fr.bacasable.notification.internal;

import fr.bacasable.notification.NotificationTemplate;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the French e-mail templates of {@code templates/mail/} (Thymeleaf text mode, one file per
 * {@link NotificationTemplate}, e.g. {@code information-request.txt}). A template's first line is
 * {@code Objet : <subject>}; the body follows. See {@code templates/mail/LISEZMOI.md}.
 */
@Component
public class MailTemplates {

    static final String SUBJECT_PREFIX = "Objet :";
    /** Stands for {@code trackingUrl} in the stored body; the link itself is put in only when sending. */
    public static final String PRIVATE_LINK = "[lien de suivi personnel, envoyé uniquement par courriel]";
    private static final String PRIVATE_LINK_KEY = "trackingUrl";
    private static final String CONTEST_ADDRESS_KEY = "contestAddress";

    private static final Locale FRENCH = Locale.FRENCH;
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", FRENCH);
    private static final List<String> COMMON_KEYS = List.of("reference", "projectTitle", "contactName",
            "campaignTitle");
    private static final Map<NotificationTemplate, List<String>> TEMPLATE_KEYS = Map.of(
            NotificationTemplate.RECEIPT, List.of(PRIVATE_LINK_KEY),
            NotificationTemplate.INFORMATION_REQUEST, List.of("message", "dueDate"),
            NotificationTemplate.ANSWER_REMINDER, List.of("dueDate"),
            NotificationTemplate.INELIGIBLE, List.of("reason"),
            NotificationTemplate.REVIEW_REMINDER, List.of("reviewKind", "dueDate"),
            NotificationTemplate.REVIEW_ESCALATION, List.of("reviewKind", "dueDate"),
            NotificationTemplate.CONFLICT_DECLARED, List.of("reviewKind", "reviewer", "details"),
            NotificationTemplate.SELECTION_DECISION, List.of("outcome", "scores", "total"),
            NotificationTemplate.REVIEWS_OVERDUE, List.of("dueDate", "status"));
    /** The only value that may span several lines; the others are flattened so a subject stays one line. */
    private static final String MULTILINE_KEY = "message";

    /** @param privateLink the tracking link that {@link #PRIVATE_LINK} stands for in the body; null when none */
    public record RenderedMail(String subject, String body, String privateLink) {

        /** The body as sent, with the private link. */
        public static String sendable(String body, String privateLink) {
            return privateLink == null ? body : body.replace(PRIVATE_LINK, privateLink);
        }
    }

    private final SpringTemplateEngine engine;
    private final String contestAddress;

    /**
     * @param contestAddress the e-mail address, read by the programme's team, where applicants may
     *         contest a decision ({@code bas.contest-address}); blank when appeals go by post only
     */
    MailTemplates(@Value("${bas.contest-address:}") String contestAddress) {
        this.contestAddress = contestAddress.isBlank() ? null : contestAddress.strip();
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    /**
     * @throws IllegalArgumentException when a model key the template needs is missing or blank, or
     *         {@code dueDate} is not a {@link LocalDate}
     */
    public RenderedMail render(NotificationTemplate template, Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>();
        model.forEach((key, value) -> variables.put(key, value instanceof String text && !MULTILINE_KEY.equals(key)
                ? text.strip().replaceAll("\\s+", " ") : value));
        for (String key : requiredKeys(template)) {
            Object value = variables.get(key);
            if (value == null || value instanceof String text && text.isBlank()) {
                throw new IllegalArgumentException("Template " + template + " needs the model key " + key);
            }
        }
        variables.put(CONTEST_ADDRESS_KEY, contestAddress);
        Object privateLink = variables.get(PRIVATE_LINK_KEY);
        if (privateLink != null) {
            variables.put(PRIVATE_LINK_KEY, PRIVATE_LINK);
        }
        Object dueDate = variables.get("dueDate");
        if (dueDate != null) {
            if (!(dueDate instanceof LocalDate day)) {
                throw new IllegalArgumentException("dueDate must be a LocalDate, not " + dueDate.getClass().getName());
            }
            variables.put("dueDate", frenchDate(day));
        }
        String text = engine.process(fileName(template), new Context(FRENCH, variables)).strip();
        int endOfLine = text.indexOf('\n');
        String firstLine = (endOfLine < 0 ? text : text.substring(0, endOfLine)).strip();
        if (!firstLine.startsWith(SUBJECT_PREFIX)) {
            throw new IllegalStateException("templates/mail/" + fileName(template) + ".txt must start with \""
                    + SUBJECT_PREFIX + " ...\"");
        }
        String subject = firstLine.substring(SUBJECT_PREFIX.length()).strip();
        String body = endOfLine < 0 ? "" : text.substring(endOfLine + 1).strip() + "\n";
        if (subject.contains(PRIVATE_LINK)) {
            throw new IllegalStateException("The tracking link may not appear in a subject");
        }
        return new RenderedMail(subject, body, privateLink == null || !body.contains(PRIVATE_LINK) ? null
                : privateLink.toString());
    }

    /** "8 décembre 2026", "1er janvier 2027". */
    static String frenchDate(LocalDate day) {
        return (day.getDayOfMonth() == 1 ? "1er" : String.valueOf(day.getDayOfMonth())) + " " + MONTH_YEAR.format(day);
    }

    static String fileName(NotificationTemplate template) {
        return template.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> requiredKeys(NotificationTemplate template) {
        return Stream.concat(COMMON_KEYS.stream(),
                TEMPLATE_KEYS.getOrDefault(template, List.of()).stream()).toList();
    }
}

package fr.bacasable.campaign;

import fr.bacasable.shared.Texts;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A campaign as entered by a programme manager, before publication. */
public record CampaignDraft(
        String title,
        String theme,
        LocalDate openingDate,
        LocalDate closingDate,
        Integer laureateCapacity,
        Integer advisedCapacity,
        Integer reserveCapacity,
        Integer informationAnswerDays,
        Integer reviewDays) {

    static final int TITLE_MAX_LENGTH = 200;
    static final int THEME_MAX_LENGTH = 4000;
    public static final int DEFAULT_ANSWER_DAYS = 15;
    static final int MAX_ANSWER_DAYS = 90;
    public static final int DEFAULT_REVIEW_DAYS = 10;
    static final int MAX_REVIEW_DAYS = 90;

    /**
     * The problems that prevent publication, by field name, in French; empty when the draft can be published.
     *
     * @param today the current day in the programme's time zone
     */
    public Map<String, String> problems(LocalDate today) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (Texts.hasForbiddenCharacters(title)) {
            problems.put(CallForProjectsVariables.TITLE, "Le titre contient des caractères non autorisés.");
        } else if (title == null || title.isBlank()) {
            problems.put(CallForProjectsVariables.TITLE, "Le titre est obligatoire.");
        } else if (title.strip().length() > TITLE_MAX_LENGTH) {
            problems.put(CallForProjectsVariables.TITLE, "Le titre ne doit pas dépasser 200 caractères.");
        }
        if (Texts.hasForbiddenCharacters(theme)) {
            problems.put(CallForProjectsVariables.THEME, "Le thème contient des caractères non autorisés.");
        } else if (theme == null || theme.isBlank()) {
            problems.put(CallForProjectsVariables.THEME, "Le thème est obligatoire.");
        } else if (theme.strip().length() > THEME_MAX_LENGTH) {
            problems.put(CallForProjectsVariables.THEME, "Le thème ne doit pas dépasser 4000 caractères.");
        }
        if (openingDate == null) {
            problems.put(CallForProjectsVariables.OPENING_DATE, "La date d'ouverture est obligatoire.");
        }
        if (closingDate == null) {
            problems.put(CallForProjectsVariables.CLOSING_DATE, "La date de clôture est obligatoire.");
        } else if (closingDate.isBefore(today)) {
            problems.put(CallForProjectsVariables.CLOSING_DATE, "La date de clôture est déjà passée.");
        } else if (openingDate != null && !closingDate.isAfter(openingDate)) {
            problems.put(CallForProjectsVariables.CLOSING_DATE,
                    "La date de clôture doit être postérieure à la date d'ouverture.");
        }
        if (laureateCapacity == null || laureateCapacity < 1) {
            problems.put(CallForProjectsVariables.LAUREATE_CAPACITY,
                    "Le nombre de lauréats doit être un nombre entier d'au moins 1.");
        }
        if (advisedCapacity == null || advisedCapacity < 0) {
            problems.put(CallForProjectsVariables.ADVISED_CAPACITY,
                    "Le nombre de projets conseillés doit être un nombre entier positif ou nul.");
        }
        if (reserveCapacity == null || reserveCapacity < 0) {
            problems.put(CallForProjectsVariables.RESERVE_CAPACITY,
                    "La liste complémentaire doit être un nombre entier positif ou nul.");
        }
        if (informationAnswerDays != null && (informationAnswerDays < 1 || informationAnswerDays > MAX_ANSWER_DAYS)) {
            problems.put(CallForProjectsVariables.INFORMATION_ANSWER_DAYS,
                    "Le délai de réponse aux demandes de compléments doit être compris entre 1 et 90 jours.");
        }
        if (reviewDays != null && (reviewDays < 1 || reviewDays > MAX_REVIEW_DAYS)) {
            problems.put(CallForProjectsVariables.REVIEW_DAYS, "Le délai de revue doit être compris entre 1 et 90 jours.");
        }
        return problems;
    }

    /** The delay given to reviewers, 10 days unless set. */
    public int reviewDelay() {
        return reviewDays == null ? DEFAULT_REVIEW_DAYS : reviewDays;
    }

    /** The delay given to applicants to answer a request for information, 15 days unless set. */
    public int answerDays() {
        return informationAnswerDays == null ? DEFAULT_ANSWER_DAYS : informationAnswerDays;
    }
}

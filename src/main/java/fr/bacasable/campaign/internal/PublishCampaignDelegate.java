package fr.bacasable.campaign.internal;

import static fr.bacasable.campaign.CallForProjectsVariables.ADVISED_CAPACITY;
import static fr.bacasable.campaign.CallForProjectsVariables.CAMPAIGN_ID;
import static fr.bacasable.campaign.CallForProjectsVariables.CLOSES_AT;
import static fr.bacasable.campaign.CallForProjectsVariables.CLOSING_DATE;
import static fr.bacasable.campaign.CallForProjectsVariables.INFORMATION_ANSWER_DAYS;
import static fr.bacasable.campaign.CallForProjectsVariables.LAUREATE_CAPACITY;
import static fr.bacasable.campaign.CallForProjectsVariables.OPENING_DATE;
import static fr.bacasable.campaign.CallForProjectsVariables.OPENING_DATE_REACHED;
import static fr.bacasable.campaign.CallForProjectsVariables.OPENS_AT;
import static fr.bacasable.campaign.CallForProjectsVariables.RESERVE_CAPACITY;
import static fr.bacasable.campaign.CallForProjectsVariables.REVIEW_DAYS;
import static fr.bacasable.campaign.CallForProjectsVariables.THEME;
import static fr.bacasable.campaign.CallForProjectsVariables.TITLE;

import fr.bacasable.campaign.CampaignDraft;
import fr.bacasable.shared.ProgrammeTime;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * "Publier la campagne": checks the start form, writes the campaign row and leaves in the process
 * only its id and the instants its timers wait for.
 */
@Component("publishCampaign")
class PublishCampaignDelegate implements JavaDelegate {

    private static final List<String> FORM_FIELDS = List.of(TITLE, THEME, OPENING_DATE, CLOSING_DATE,
            LAUREATE_CAPACITY, ADVISED_CAPACITY, RESERVE_CAPACITY, INFORMATION_ANSWER_DAYS, REVIEW_DAYS);

    private static final int TITLE_KEY_LENGTH = 60;

    private final CampaignRepository campaigns;
    private final Clock clock;

    PublishCampaignDelegate(CampaignRepository campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CampaignDraft draft = new CampaignDraft(
                text(execution.getVariable(TITLE)),
                text(execution.getVariable(THEME)),
                date(execution.getVariable(OPENING_DATE)),
                date(execution.getVariable(CLOSING_DATE)),
                wholeNumber(execution.getVariable(LAUREATE_CAPACITY)),
                wholeNumber(execution.getVariable(ADVISED_CAPACITY)),
                wholeNumber(execution.getVariable(RESERVE_CAPACITY)),
                optionalWholeNumber(execution.getVariable(INFORMATION_ANSWER_DAYS)),
                optionalWholeNumber(execution.getVariable(REVIEW_DAYS)));
        LocalDate today = LocalDate.now(clock);
        Map<String, String> problems = draft.problems(today);
        if (!problems.isEmpty()) {
            throw new InvalidCampaignException(problems);
        }
        String campaignId = UUID.randomUUID().toString();
        campaigns.insert(campaignId, draft, currentUserId(execution), execution.getProcessInstanceId(),
                clock.instant());

        Date opensAt = ProgrammeTime.startOf(draft.openingDate());
        execution.setProcessBusinessKey(businessKey(draft));
        execution.removeVariables(FORM_FIELDS);
        execution.setVariable(CAMPAIGN_ID, campaignId);
        execution.setVariable(OPENS_AT, opensAt);
        execution.setVariable(CLOSES_AT, ProgrammeTime.startOf(draft.closingDate().plusDays(1)));
        execution.setVariable(OPENING_DATE_REACHED, !draft.openingDate().isAfter(today));
    }

    /**
     * What Cockpit and the task cards show of the campaign's process: its title in lower case without
     * accents, words joined by dashes (at most {@value #TITLE_KEY_LENGTH} characters), and its opening date.
     */
    static String businessKey(CampaignDraft draft) {
        String words = Normalizer.normalize(draft.title(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (words.length() > TITLE_KEY_LENGTH) {
            words = words.substring(0, TITLE_KEY_LENGTH).replaceAll("-[^-]*$|-$", "");
        }
        return (words.isEmpty() ? "campagne" : words) + "-" + draft.openingDate();
    }

    private static String currentUserId(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static LocalDate date(Object value) {
        if (value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), ProgrammeTime.ZONE);
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** A blank optional number is "not set"; anything else that is not a whole number is invalid. */
    private static Integer optionalWholeNumber(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Integer number = wholeNumber(value);
        return number == null ? -1 : number;
    }

    private static Integer wholeNumber(Object value) {
        try {
            BigDecimal number = new BigDecimal(value.toString().strip());
            return number.stripTrailingZeros().scale() <= 0 ? number.intValueExact() : null;
        } catch (NumberFormatException | ArithmeticException | NullPointerException e) {
            return null;
        }
    }
}

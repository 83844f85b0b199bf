package fr.bacasable.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.campaign.CampaignDraft;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The business key Cockpit shows for a campaign's process: its title, readable, and its opening date. */
class CampaignBusinessKeyTest {

    private static final LocalDate OPENING = LocalDate.of(2027, 3, 1);

    @Test
    void titleWithoutAccentsNorPunctuationThenOpeningDate() {
        assertThat(PublishCampaignDelegate.businessKey(draft("IA au bénéfice des services publics")))
                .isEqualTo("ia-au-benefice-des-services-publics-2027-03-01");
        assertThat(PublishCampaignDelegate.businessKey(draft("  « Données & santé » : l'hôpital, 2027 ! ")))
                .isEqualTo("donnees-sante-l-hopital-2027-2027-03-01");
    }

    @Test
    void longTitleCutAtAWordOrNoWordAtAll() {
        String key = PublishCampaignDelegate.businessKey(draft("Intelligence artificielle ".repeat(10)));
        assertThat(key).isEqualTo("intelligence-artificielle-intelligence-artificielle-2027-03-01");
        assertThat(PublishCampaignDelegate.businessKey(draft("« — »"))).isEqualTo("campagne-2027-03-01");
    }

    private static CampaignDraft draft(String title) {
        return new CampaignDraft(title, "Thème", OPENING, OPENING.plusDays(30), 1, 1, 1, null, null);
    }
}

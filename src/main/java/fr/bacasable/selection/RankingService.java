package fr.bacasable.selection;

import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ReviewedApplication;
import fr.bacasable.campaign.Campaign;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The ranked list of a campaign and the proposal it makes: laureates up to the laureate capacity,
 * then advised projects, then the reserve list; the others are not selected.
 */
@Service
public class RankingService {

    private final ApplicationDirectory applications;

    RankingService(ApplicationDirectory applications) {
        this.applications = applications;
    }

    public List<RankedApplication> rank(Campaign campaign) {
        List<ReviewedApplication> ranked = applications.shortlistedInRankingOrder(campaign.id());
        List<RankedApplication> lines = new ArrayList<>();
        for (int index = 0; index < ranked.size(); index++) {
            lines.add(new RankedApplication(index + 1, ranked.get(index), proposal(campaign, index)));
        }
        return lines;
    }

    static Outcome proposal(Campaign campaign, int index) {
        if (index < campaign.laureateCapacity()) {
            return Outcome.LAUREATE;
        }
        if (index < campaign.laureateCapacity() + campaign.advisedCapacity()) {
            return Outcome.ADVISED;
        }
        if (index < campaign.laureateCapacity() + campaign.advisedCapacity() + campaign.reserveCapacity()) {
            return Outcome.RESERVE;
        }
        return Outcome.NOT_SELECTED;
    }
}

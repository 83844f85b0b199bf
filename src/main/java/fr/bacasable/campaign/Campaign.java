package fr.bacasable.campaign;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A call for projects as published. Applications are accepted from the opening date to the closing
 * date, both included; applicants have {@code informationAnswerDays} to answer a request for information,
 * reviewers {@code reviewDays} to review a complete application.
 */
public record Campaign(
        String id,
        String title,
        String theme,
        LocalDate openingDate,
        LocalDate closingDate,
        int laureateCapacity,
        int advisedCapacity,
        int reserveCapacity,
        int informationAnswerDays,
        int reviewDays,
        CampaignStatus status,
        String publishedBy,
        Instant createdAt) {

    public boolean acceptsApplications() {
        return status == CampaignStatus.OPEN;
    }
}

package fr.bacasable.application;

import java.math.BigDecimal;
import java.time.Instant;

/** A shortlisted application with its final scores (the reviewers' means, or their consensus). */
public record ReviewedApplication(
        String applicationId,
        String reference,
        String projectTitle,
        String organisationName,
        BigDecimal relevanceScore,
        BigDecimal dataProtectionInterestScore,
        BigDecimal qualityScore,
        BigDecimal impactScore,
        Instant submittedAt) {

    public BigDecimal total() {
        return relevanceScore.add(dataProtectionInterestScore).add(qualityScore).add(impactScore);
    }
}

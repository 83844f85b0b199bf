package fr.bacasable.application;

import java.time.Instant;

/** An application as stored, with the results of the decisions run on its self-declaration. */
public record ApplicationDetails(
        String id,
        String reference,
        String campaignId,
        ApplicationStatus status,
        ApplicationSubmission submission,
        Instant submittedAt,
        String processInstanceId,
        Boolean eligible,
        String ineligibilityReason,
        Integer dpiaCriteriaMet,
        String dpiaRequirement,
        String aiActRiskLevel,
        Boolean friaRequired) {
}

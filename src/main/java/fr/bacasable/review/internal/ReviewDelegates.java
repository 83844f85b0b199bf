package fr.bacasable.review.internal;

import fr.bacasable.review.ReviewKind;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The names by which {@code ReviewProcess.bpmn} calls {@link ReviewSteps}. */
@Configuration(proxyBeanMethods = false)
class ReviewDelegates {

    @Bean
    JavaDelegate scheduleReviews(ReviewSteps steps) {
        return steps::scheduleReviews;
    }

    @Bean
    TaskListener excludeLegalReviewers(ReviewSteps steps) {
        return task -> steps.excludeReviewers(task, ReviewKind.LEGAL);
    }

    @Bean
    TaskListener excludeTechnicalReviewers(ReviewSteps steps) {
        return task -> steps.excludeReviewers(task, ReviewKind.TECHNICAL);
    }

    @Bean
    JavaDelegate recordLegalReview(ReviewSteps steps) {
        return execution -> steps.recordReview(execution, ReviewKind.LEGAL);
    }

    @Bean
    JavaDelegate recordTechnicalReview(ReviewSteps steps) {
        return execution -> steps.recordReview(execution, ReviewKind.TECHNICAL);
    }

    @Bean
    JavaDelegate compareReviews(ReviewSteps steps) {
        return steps::compareReviews;
    }

    @Bean
    JavaDelegate recordConsensus(ReviewSteps steps) {
        return steps::recordConsensus;
    }

    @Bean
    JavaDelegate recordReviewOutcome(ReviewSteps steps) {
        return steps::recordReviewOutcome;
    }

    @Bean
    JavaDelegate remindLegalReviewer(ReviewSteps steps) {
        return execution -> steps.remindReviewer(execution, ReviewKind.LEGAL);
    }

    @Bean
    JavaDelegate remindTechnicalReviewer(ReviewSteps steps) {
        return execution -> steps.remindReviewer(execution, ReviewKind.TECHNICAL);
    }

    @Bean
    JavaDelegate escalateLegalReview(ReviewSteps steps) {
        return execution -> steps.escalateReview(execution, ReviewKind.LEGAL);
    }

    @Bean
    JavaDelegate escalateTechnicalReview(ReviewSteps steps) {
        return execution -> steps.escalateReview(execution, ReviewKind.TECHNICAL);
    }
}

package fr.bacasable.application.internal;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The names by which {@code ApplicationReviewProcess.bpmn} calls {@link ApplicationReviewSteps}. */
@Configuration(proxyBeanMethods = false)
class ApplicationReviewDelegates {

    @Bean
    JavaDelegate recordEligibility(ApplicationReviewSteps steps) {
        return steps::recordEligibility;
    }

    @Bean
    JavaDelegate recordSelfAssessment(ApplicationReviewSteps steps) {
        return steps::recordSelfAssessment;
    }

    @Bean
    JavaDelegate requestInformation(ApplicationReviewSteps steps) {
        return steps::requestInformation;
    }

    @Bean
    JavaDelegate remindApplicant(ApplicationReviewSteps steps) {
        return steps::remindApplicant;
    }

    @Bean
    JavaDelegate closeIncomplete(ApplicationReviewSteps steps) {
        return steps::closeIncomplete;
    }

    @Bean
    JavaDelegate markUnderReview(ApplicationReviewSteps steps) {
        return steps::markUnderReview;
    }

    @Bean
    JavaDelegate recordWithdrawal(ApplicationReviewSteps steps) {
        return steps::recordWithdrawal;
    }
}

package fr.bacasable.selection.internal;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The names by which the BPMN models call {@link SelectionSteps}. */
@Configuration(proxyBeanMethods = false)
class SelectionDelegates {

    @Bean
    JavaDelegate countPendingReviews(SelectionSteps steps) {
        return steps::countPendingReviews;
    }

    @Bean
    JavaDelegate escalatePendingReviews(SelectionSteps steps) {
        return steps::escalatePendingReviews;
    }

    @Bean
    JavaDelegate prepareSelection(SelectionSteps steps) {
        return steps::prepareSelection;
    }

    @Bean
    JavaDelegate recordSelectionProposal(SelectionSteps steps) {
        return steps::recordSelectionProposal;
    }

    @Bean
    JavaDelegate recordSelectionDecision(SelectionSteps steps) {
        return steps::recordSelectionDecision;
    }

    @Bean
    JavaDelegate announceOutcome(SelectionSteps steps) {
        return steps::announceOutcome;
    }

    @Bean
    JavaDelegate checkAnnouncements(SelectionSteps steps) {
        return steps::checkAnnouncements;
    }

    @Bean
    JavaDelegate recordSelectionOutcome(SelectionSteps steps) {
        return steps::recordSelectionOutcome;
    }

    @Bean
    JavaDelegate recordPromotion(SelectionSteps steps) {
        return steps::recordPromotion;
    }

    @Bean
    JavaDelegate releaseSelectionPlace(SelectionSteps steps) {
        return steps::releaseSelectionPlace;
    }

    @Bean
    JavaDelegate promoteFirstReserve(SelectionSteps steps) {
        return steps::promoteFirstReserve;
    }
}

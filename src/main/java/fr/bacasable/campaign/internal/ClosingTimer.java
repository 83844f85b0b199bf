package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.CallForProjectsVariables;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The closing timer of a campaign's {@code CallForProjectsProcess}. */
@Service
class ClosingTimer {

    static final String CLOSING_TIMER = "Event_ClosingDateReached";

    private static final Logger LOG = LoggerFactory.getLogger(ClosingTimer.class);

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final Clock clock;

    ClosingTimer(RuntimeService runtimeService, ManagementService managementService, Clock clock) {
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.clock = clock;
    }

    /**
     * The closing timer becomes due now and is fired at once, as the job executor would on the day: the
     * campaign is closed when this returns (or the job executor, faster, fired it in the meantime).
     */
    void fireNow(String campaignId) {
        ProcessInstance process = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(CallForProjectsVariables.PROCESS_KEY)
                .variableValueEquals(CallForProjectsVariables.CAMPAIGN_ID, campaignId).singleResult();
        Job closing = managementService.createJobQuery().processInstanceId(process.getId()).activityId(CLOSING_TIMER)
                .singleResult();
        managementService.setJobDuedate(closing.getId(), Date.from(clock.instant()));
        try {
            managementService.executeJob(closing.getId());
        } catch (OptimisticLockingException executorWasFaster) {
            LOG.debug("The job executor fired the closing timer of campaign {} first", campaignId);
        }
    }
}

package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.CallForProjectsVariables;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/** The closing timer of a campaign's {@code CallForProjectsProcess}. */
@Service
class ClosingTimer {

    static final String CLOSING_TIMER = "Event_ClosingDateReached";

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final Clock clock;

    ClosingTimer(RuntimeService runtimeService, ManagementService managementService, Clock clock) {
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.clock = clock;
    }

    /** The closing timer becomes due now, and the job executor fires it as on the day. */
    void bringForward(String campaignId) {
        ProcessInstance process = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(CallForProjectsVariables.PROCESS_KEY)
                .variableValueEquals(CallForProjectsVariables.CAMPAIGN_ID, campaignId).singleResult();
        Job closing = managementService.createJobQuery().processInstanceId(process.getId()).activityId(CLOSING_TIMER)
                .singleResult();
        managementService.setJobDuedate(closing.getId(), Date.from(clock.instant()));
    }
}

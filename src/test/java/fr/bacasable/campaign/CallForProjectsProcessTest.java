package fr.bacasable.campaign;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import fr.bacasable.ProcessTestEngine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = "processes/CallForProjectsProcess.bpmn")
class CallForProjectsProcessTest {

    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessTestEngine.extension();

    private final List<String> steps = new ArrayList<>();
    private ProcessEngine processEngine;

    @BeforeEach
    void setUp() {
        processEngine = ENGINE.getProcessEngine();
        BpmnAwareTests.init(processEngine);
        Mocks.register("openCampaign", (JavaDelegate) execution -> steps.add("open"));
        Mocks.register("closeCampaign", (JavaDelegate) execution -> steps.add("close"));
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
    }

    @Test
    void campaignOpeningTodayOpensAtOnceAndClosesAtItsClosingDate() {
        publishWith(Instant.now(), true);

        ProcessInstance campaign = start();

        assertThat(campaign).hasPassed("Task_PublishCampaign", "Task_OpenCampaign")
                .isWaitingAt("Event_ClosingDateReached");
        Assertions.assertThat(steps).containsExactly("open");

        execute(job());

        assertThat(campaign).hasPassed("Task_CloseCampaign").isEnded()
                .hasPassedInOrder("Task_PublishCampaign", "Task_OpenCampaign", "Task_CloseCampaign");
        Assertions.assertThat(steps).containsExactly("open", "close");
    }

    @Test
    void campaignOpeningLaterWaitsForItsOpeningDate() {
        publishWith(Instant.now().plus(10, ChronoUnit.DAYS), false);

        ProcessInstance campaign = start();

        assertThat(campaign).isWaitingAt("Event_OpeningDateReached").hasNotPassed("Task_OpenCampaign");
        Assertions.assertThat(steps).isEmpty();

        execute(job());

        assertThat(campaign).hasPassed("Task_OpenCampaign").isWaitingAt("Event_ClosingDateReached");
        Assertions.assertThat(steps).containsExactly("open");
    }

    private void publishWith(Instant opensAt, boolean openingDateReached) {
        Mocks.register("publishCampaign", (JavaDelegate) execution -> {
            execution.setVariable(CallForProjectsVariables.CAMPAIGN_ID, "campaign-1");
            execution.setVariable(CallForProjectsVariables.OPENS_AT, Date.from(opensAt));
            execution.setVariable(CallForProjectsVariables.CLOSES_AT, Date.from(opensAt.plus(60, ChronoUnit.DAYS)));
            execution.setVariable(CallForProjectsVariables.OPENING_DATE_REACHED, openingDateReached);
        });
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(CallForProjectsVariables.PROCESS_KEY);
    }
}

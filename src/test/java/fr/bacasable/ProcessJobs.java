package fr.bacasable;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;

/** What the process tests read of the jobs of the engine under test, and their recording delegates. */
public final class ProcessJobs {

    private ProcessJobs() {
    }

    /** The due dates of the timers waiting, by the event that holds them. */
    public static Map<String, Instant> timerDueDates() {
        Map<String, Instant> dueDates = new HashMap<>();
        managementService().createJobQuery().timers().list()
                .forEach(timer -> dueDates.put(activityOf(timer), timer.getDuedate().toInstant()));
        return dueDates;
    }

    /** The element whose job this is. */
    public static String activityOf(Job job) {
        return managementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult().getActivityId();
    }

    /** A delegate mock that records the task calling it in {@code steps}, then does what the real step does. */
    public static JavaDelegate recording(List<String> steps, JavaDelegate effect) {
        return execution -> {
            steps.add(execution.getCurrentActivityId());
            effect.execute(execution);
        };
    }
}

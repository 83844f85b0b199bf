package fr.bacasable.testsupport;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Runs jobs as the job executor would, for tests where it is off. */
public final class EngineJobs {

    private static final int ROUNDS = 20;

    private EngineJobs() {
    }

    /** Runs the due jobs of this process instance and of the processes it called until none is left. */
    public static void runDue(ManagementService management, String rootProcessInstanceId) {
        for (int round = 0; round < ROUNDS; round++) {
            List<Job> jobs = management.createJobQuery().rootProcessInstanceId(rootProcessInstanceId).executable()
                    .list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("Jobs of " + rootProcessInstanceId + " keep coming after " + ROUNDS + " rounds");
    }
}

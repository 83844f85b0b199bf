package fr.bacasable.security.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * What a Tasklist card shows of its task: the business key of the task's process, copied into a
 * variable of the task itself when the task is created, under the name the filters list
 * ({@link TasklistFilters#CARD_VARIABLES}). Reviewers, the committee and the president read the
 * variables of their tasks but not those of the process, which they must not see.
 */
@Component
class TaskCardVariables extends AbstractProcessEnginePlugin {

    static final String REFERENCE = "reference";
    static final String CAMPAIGN = "campaign";
    private static final String APPLICATION_ID = "applicationId";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new CardParseListener());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** An application's processes are keyed by its reference (they hold its id); a campaign's by the campaign. */
    private static String cardVariableOf(DelegateTask task) {
        return task.hasVariable(APPLICATION_ID) ? REFERENCE : CAMPAIGN;
    }

    private static final class CardParseListener extends AbstractBpmnParseListener {

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            TaskListener copyBusinessKey = task -> {
                String businessKey = task.getExecution().getProcessBusinessKey();
                if (businessKey != null) {
                    task.setVariableLocal(cardVariableOf(task), businessKey);
                }
            };
            ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                    .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, copyBusinessKey);
        }
    }
}

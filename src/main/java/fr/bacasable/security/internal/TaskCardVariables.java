package fr.bacasable.security.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
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

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new CardParseListener());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** Campaign tasks show the campaign; the other processes are keyed by the application's reference. */
    private static String cardVariableOf(String processDefinitionKey) {
        return AccessPolicy.CALL_FOR_PROJECTS.equals(processDefinitionKey) ? CAMPAIGN : REFERENCE;
    }

    private static final class CardParseListener extends AbstractBpmnParseListener {

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            String variable = cardVariableOf(((ProcessDefinitionEntity) scope.getProcessDefinition()).getKey());
            TaskListener copyBusinessKey = task -> {
                String businessKey = task.getExecution().getProcessBusinessKey();
                if (businessKey != null) {
                    task.setVariableLocal(variable, businessKey);
                }
            };
            ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                    .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, copyBusinessKey);
        }
    }
}

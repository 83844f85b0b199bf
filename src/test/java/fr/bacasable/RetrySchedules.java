package fr.bacasable;

import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;

/** The elements of a model that leave a job for the job executor, with their retry schedule. */
public final class RetrySchedules {

    /** What a process owner's step without a schedule of its own would get: the engine's default. */
    public static final String NONE = "(none)";
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    private RetrySchedules() {
    }

    /**
     * Every element that makes a job: asynchronous steps, timers, asynchronous signals and
     * asynchronous multi-instance bodies, by id, with its {@code camunda:failedJobRetryTimeCycle}.
     */
    public static Map<String, String> of(BpmnModelInstance model) {
        Map<String, String> schedules = new TreeMap<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            boolean timer = !node.getChildElementsByType(TimerEventDefinition.class).isEmpty();
            boolean asyncSignal = node.getChildElementsByType(SignalEventDefinition.class).stream()
                    .anyMatch(SignalEventDefinition::isCamundaAsync);
            if (isTrue(node, "asyncBefore") || isTrue(node, "asyncAfter") || timer || asyncSignal) {
                schedules.put(node.getId(), schedule(node));
            }
        }
        for (MultiInstanceLoopCharacteristics loop : model.getModelElementsByType(
                MultiInstanceLoopCharacteristics.class)) {
            if (loop.isCamundaAsyncBefore() || loop.isCamundaAsyncAfter()) {
                schedules.put(((BaseElement) loop.getParentElement()).getId() + "#multiInstanceBody", schedule(loop));
            }
        }
        return schedules;
    }

    private static boolean isTrue(BaseElement element, String camundaAttribute) {
        return "true".equals(element.getAttributeValueNs(CAMUNDA_NS, camundaAttribute));
    }

    private static String schedule(BaseElement element) {
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return NONE;
        }
        return extensions.getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
                .map(CamundaFailedJobRetryTimeCycle::getTextContent).findFirst().orElse(NONE);
    }
}

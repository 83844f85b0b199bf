package fr.bacasable.application;

import java.util.LinkedHashMap;
import java.util.Map;

/** The applicant's answers to the AI Act questions; null is "not answered". */
public record AiActAnswers(
        String prohibitedPractice,
        String annexIiiArea,
        Boolean narrowProceduralTask,
        Boolean profilesNaturalPersons,
        Boolean interactsWithPersons,
        Boolean generatesSyntheticContent,
        Boolean emotionRecognitionOrBiometricCategorisation,
        Boolean deployerIsPublicBody) {

    /** The yes/no answers by {@link AiActQuestion#field()}, in the questions' order. */
    public Map<String, Boolean> booleansByField() {
        Boolean[] values = {narrowProceduralTask, profilesNaturalPersons, interactsWithPersons,
            generatesSyntheticContent, emotionRecognitionOrBiometricCategorisation, deployerIsPublicBody};
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (AiActQuestion question : AiActQuestion.values()) {
            answers.put(question.field(), values[question.ordinal()]);
        }
        return answers;
    }
}

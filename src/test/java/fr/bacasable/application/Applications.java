package fr.bacasable.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bacasable.testsupport.EngineJobs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/** Request bodies for the applicants' API tests: a valid application in JSON, and small files. */
public final class Applications {

    /** A tiny but valid PDF: the header, an object, the trailer. */
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Applications() {
    }

    /**
     * Takes a freshly submitted application to its completeness check, completes it as incomplete
     * with "Merci de joindre votre AIPD.", and runs the jobs that follow: the applicant is asked.
     */
    public static void requestInformation(ProcessEngine engine, String reference) {
        String processInstanceId = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).singleResult().getId();
        EngineJobs.runDue(engine.getManagementService(), processInstanceId);
        Task completeness = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey("Task_CheckCompleteness").singleResult();
        engine.getTaskService().complete(completeness.getId(), Map.of("completeness", "INCOMPLETE",
                "informationRequest", "Merci de joindre votre AIPD."));
        EngineJobs.runDue(engine.getManagementService(), processInstanceId);
    }

    /** A complete, eligible application (local authority, AI, personal data, pilot) under the given title. */
    public static ApplicationSubmission submission(String projectTitle) {
        return new ApplicationSubmission("LOCAL_AUTHORITY", "Ville de Lyon", "21690123100011", "Alice Martin",
                "alice.martin@example.org", "04 72 10 30 30", projectTitle,
                "Un assistant conversationnel pour les demandes d'actes.", "SOCIAL", "PILOT", true,
                List.of("GENERATIVE"), true, List.of("IDENTITY", "CONTACT"),
                new DpiaAnswers(false, false, false, true, true, false, false, true, false, false),
                new AiActAnswers("NONE", "NONE", false, false, true, true, false, true),
                "Quelle base légale pour l'entraînement ?", true);
    }

    /** A complete, eligible application (local authority, AI, personal data, pilot), as the API receives it. */
    public static ObjectNode validBody() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {
                      "applicantType": "LOCAL_AUTHORITY",
                      "organisationName": "Ville de Lyon",
                      "siret": "21690123100011",
                      "contactName": "Alice Martin",
                      "contactEmail": "alice.martin@example.org",
                      "contactPhone": "04 72 10 30 30",
                      "projectTitle": "Assistant IA pour l'état civil",
                      "projectSummary": "Un assistant conversationnel pour les demandes d'actes.",
                      "publicServiceDomain": "SOCIAL",
                      "projectStage": "PILOT",
                      "usesAi": true,
                      "aiTechniques": ["GENERATIVE"],
                      "processesPersonalData": true,
                      "personalDataCategories": ["IDENTITY", "CONTACT"],
                      "dpia": {
                        "evaluationOrScoring": false,
                        "automatedDecisionWithLegalEffect": false,
                        "systematicMonitoring": false,
                        "sensitiveData": true,
                        "largeScale": true,
                        "datasetMatching": false,
                        "vulnerablePersons": false,
                        "innovativeTechnology": true,
                        "preventsRightOrService": false,
                        "onCnilMandatoryList": false
                      },
                      "aiAct": {
                        "prohibitedPractice": "NONE",
                        "annexIiiArea": "NONE",
                        "narrowProceduralTask": false,
                        "profilesNaturalPersons": false,
                        "interactsWithPersons": true,
                        "generatesSyntheticContent": true,
                        "emotionRecognitionOrBiometricCategorisation": false,
                        "deployerIsPublicBody": true
                      },
                      "legalQuestions": "Quelle base légale pour l'entraînement ?",
                      "consent": true
                    }""");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of {@code size} bytes that starts and ends like a PDF, so only its size is wrong. */
    static byte[] pdfOfSize(int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) ' ');
        byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] trailer = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, content, 0, header.length);
        System.arraycopy(trailer, 0, content, size - trailer.length, trailer.length);
        return content;
    }
}

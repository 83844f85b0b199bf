package fr.bacasable.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bacasable.StaffLogin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Applicants and staff over HTTP, as a browser or an API client would: the applicants' API, the
 * engine REST API with the staff's HTTP Basic credentials, the staff pages with a session. A node
 * that does not answer (killed, restarting) or answers 503 is asked again, as a person would retry
 * after a moment; every other 5xx and every 409 on a task only this client works on is kept as an
 * anomaly for the test to assert on.
 */
final class ProgrammeClient {

    /** A request to a node and its answer, kept when it was not what a user may get. */
    record Anomaly(Instant at, String node, String request, int status, String body) {
    }

    /** An open task: its id and its process instance. */
    record OpenTask(String id, String processInstanceId) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Queue<Anomaly> anomalies = new ConcurrentLinkedQueue<>();

    List<Anomaly> anomalies() {
        return List.copyOf(anomalies);
    }

    // ---------------------------------------------------------------- applicants

    /** Submits with an Idempotency-Key until the node acknowledges it; returns the receipt. */
    JsonNode submit(ChildApp node, String campaignId, ObjectNode body, String idempotencyKey) {
        HttpResponse<String> response = call(node, "submission " + idempotencyKey, HttpRequest.newBuilder(
                        node.uri("/api/campaigns/" + campaignId + "/applications"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response.body());
    }

    /** The applicant's view of the application (status, messages), with the private token. */
    JsonNode tracking(ChildApp node, String reference, String token) {
        HttpResponse<String> response = call(node, "tracking " + reference, HttpRequest.newBuilder(
                node.uri("/api/applications/" + reference)).header("Authorization", "Bearer " + token).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }

    /** The applicant opens the private tracking link of the receipt, as from the confirmation page or the e-mail. */
    void openTrackingLink(ChildApp node, String reference, String token) {
        HttpResponse<String> response = call(node, "tracking page " + reference, HttpRequest.newBuilder(
                node.uri("/suivi/" + reference + "/" + token)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    JsonNode campaigns(ChildApp node) {
        return read(call(node, "campaigns", HttpRequest.newBuilder(node.uri("/api/campaigns")).GET()).body());
    }

    // ---------------------------------------------------------------- staff

    /** The open tasks this staff member sees, filtered by engine REST query parameters. */
    List<OpenTask> tasks(ChildApp node, String user, Map<String, String> filter) {
        StringBuilder query = new StringBuilder("/engine-rest/task?firstResult=0&maxResults=200");
        filter.forEach((key, value) -> query.append('&').append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpResponse<String> response = call(node, "task query", staff(node, user, query.toString()).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<OpenTask> tasks = new ArrayList<>();
        read(response.body()).forEach(task -> tasks.add(
                new OpenTask(task.get("id").asText(), task.get("processInstanceId").asText())));
        return tasks;
    }

    /**
     * Claims and completes the task with this form, as Tasklist does. A task already gone (completed
     * before a crash whose answer was lost) is left alone; a conflict is an anomaly since nobody else
     * works on it.
     */
    void complete(ChildApp node, String user, String taskId, Map<String, ?> form) {
        if (!claim(node, user, taskId)) {
            return;
        }
        HttpResponse<String> submitted = call(node, "submit " + taskId, submitForm(node, user, taskId, form));
        if (gone(node, submitted)) {
            return;
        }
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
    }

    /** Claims the task for this user; false when it is gone. */
    boolean claim(ChildApp node, String user, String taskId) {
        HttpResponse<String> claimed = call(node, "claim " + taskId,
                staff(node, user, "/engine-rest/task/" + taskId + "/claim").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\": \"" + user + "\"}")));
        if (gone(node, claimed)) {
            return false;
        }
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        return true;
    }

    /** One form submission, sent once: for races where each answer counts. */
    HttpResponse<String> submitOnce(ChildApp node, String user, String taskId, Map<String, ?> form)
            throws IOException, InterruptedException {
        return http.send(submitForm(node, user, taskId, form).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** "Clôturer maintenant (démonstration)" then its confirmation, logged in as a programme manager. */
    void closeNow(ChildApp node, String campaignId) {
        HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(2)).build();
        String loginToken = StaffLogin.tokenIn(call(session, node, "login page",
                HttpRequest.newBuilder(node.uri("/staff/login")).GET()).body());
        HttpResponse<String> login = call(session, node, "staff login", HttpRequest.newBuilder(node.uri("/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "username=manager&password=" + ChildApp.STAFF_PASSWORD + "&next=/staff/campaigns&"
                                + StaffLogin.TOKEN_FIELD + "=" + URLEncoder.encode(loginToken, StandardCharsets.UTF_8))));
        assertThat(login.headers().firstValue("Location")).as("login").hasValueSatisfying(
                location -> assertThat(location).endsWith("/staff/campaigns"));
        String pageToken = StaffLogin.tokenIn(call(session, node, "campaigns page",
                HttpRequest.newBuilder(node.uri("/staff/campaigns")).GET()).body());
        HttpResponse<String> closing = call(session, node, "close now", HttpRequest.newBuilder(
                node.uri("/staff/campaigns/" + campaignId + "/close-now"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("confirmed=oui&" + StaffLogin.TOKEN_FIELD + "="
                        + URLEncoder.encode(pageToken, StandardCharsets.UTF_8))));
        assertThat(closing.statusCode()).as(closing.body()).isEqualTo(302);
    }

    // ---------------------------------------------------------------- plumbing

    private HttpRequest.Builder submitForm(ChildApp node, String user, String taskId, Map<String, ?> form) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode variables = body.putObject("variables");
        form.forEach((name, value) -> variables.putObject(name).set("value", JSON.valueToTree(value)));
        return staff(node, user, "/engine-rest/task/" + taskId + "/submit-form").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private static HttpRequest.Builder staff(ChildApp node, String user, String path) {
        String credentials = Base64.getEncoder().encodeToString(
                (user + ":" + ChildApp.STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(node.uri(path)).header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json");
    }

    /** The task was completed or deleted meanwhile: 404, or the engine's "task is null" as a 409 would be a lie. */
    private boolean gone(ChildApp node, HttpResponse<String> response) {
        if (response.statusCode() == 404) {
            return true;
        }
        if (response.statusCode() == 409) {
            anomalies.add(new Anomaly(Instant.now(), node.name(), response.request().uri().getPath(), 409, response.body()));
            return true;
        }
        return false;
    }

    private HttpResponse<String> call(ChildApp node, String description, HttpRequest.Builder request) {
        return call(http, node, description, request);
    }

    private HttpResponse<String> call(HttpClient client, ChildApp node, String description,
            HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        Instant limit = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(limit)) {
            HttpResponse<String> response = sendOrNull(client, built);
            if (response != null && response.statusCode() < 500) {
                return response;
            }
            if (response != null && response.statusCode() != 503) {
                anomalies.add(new Anomaly(Instant.now(), node.name(), description, response.statusCode(),
                        response.body()));
            }
            ChildApp.pause(RETRY_PAUSE);
        }
        throw new AssertionError(node.name() + " did not answer " + description + " within " + PATIENCE);
    }

    private static HttpResponse<String> sendOrNull(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException down) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package fr.bacasable.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bacasable.application.AnnexIiiArea;
import fr.bacasable.application.ApplicantType;
import fr.bacasable.application.Applications;
import fr.bacasable.application.ProhibitedPractice;
import fr.bacasable.application.ProjectStage;
import fr.bacasable.application.PublicServiceDomain;
import fr.bacasable.badinput.JsonBodies.Field;
import fr.bacasable.badinput.JsonBodies.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated bad requests for each public endpoint: the applicants' API under {@code /api} and the
 * portal's pages and forms. Each request is wrong in a way that alone must get it refused; none is
 * ever a valid submission, answer, upload or withdrawal, so nothing may be stored.
 */
final class BadRequests {

    record Applicant(String reference, String token) {
    }

    /** What exists before the requests: the demo campaign, an application just submitted, one awaiting an answer. */
    record Fixtures(String campaignId, Applicant submitted, Applicant awaiting) {
    }

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String JSON = "Content-Type: application/json";
    private static final String ACCEPT_JSON = "Accept: application/json, application/problem+json";
    private static final String BOUNDARY = "----bas4f9e2";
    private static final List<String> WRONG_METHODS = List.of("PUT", "DELETE", "PATCH", "FOO", "get", "TRACE");
    private static final List<String> NOT_JSON = List.of("text/plain", "application/xml", "text/html", "text/json",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "application/json-patch+json", "application/problem+json", "application", "/", "*/*", "application/*",
            "json", "application/json;charset=nope", "application/json; charset=", "\u00e9/json", "image/pdf");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Fixtures fixtures;
    private final JsonBodies submissions;
    private final JsonBodies answers;
    private final Map<String, List<String>> validForm;

    BadRequests(Fixtures fixtures) {
        this.fixtures = fixtures;
        ObjectNode valid = Applications.validBody();
        this.submissions = new JsonBodies(valid, submissionFields(valid));
        this.answers = new JsonBodies(NODES.objectNode().put("answer", "Voici l'AIPD demandée."),
                List.of(new Field("answer", Kind.TEXT, badText("Voici l'AIPD demandée.", 4000))));
        this.validForm = form(valid);
        validForm.put("submissionKey", List.of("generated-bad-input-form-key"));
    }

    // ------------------------------------------------------------------ the API

    Arbitrary<BadRequest> campaignsApi() {
        String path = "/api/campaigns";
        return decorated(Arbitraries.oneOf(
                Arbitraries.of(WRONG_METHODS).map(method -> BadRequest.post("campaigns API", "wrong method", path,
                        List.of(JSON), submissions.validBytes()).withMethod(method)),
                submissions.bodies().map(body -> BadRequest.post("campaigns API", body.kind(), path, List.of(JSON),
                        body.bytes())),
                oddSuffix().map(suffix -> BadRequest.get("campaigns API", "odd path", path + suffix,
                        List.of(ACCEPT_JSON)))));
    }

    Arbitrary<BadRequest> submitApi() {
        String path = "/api/campaigns/" + fixtures.campaignId() + "/applications";
        String endpoint = "submission API";
        return decorated(Arbitraries.frequencyOf(
                Tuple.of(12, submissions.bodies().map(body -> BadRequest.post(endpoint, body.kind(), path,
                        List.of(JSON, ACCEPT_JSON), body.bytes()))),
                Tuple.of(2, Arbitraries.of(NOT_JSON).map(type -> BadRequest.post(endpoint, "content type " + type, path,
                        List.of("Content-Type: " + type), submissions.validBytes()))),
                Tuple.of(1, Arbitraries.just(BadRequest.post(endpoint, "no content type", path, List.of(),
                        submissions.validBytes()))),
                Tuple.of(1, Arbitraries.of("\u00a0", "\u00a0\u00a0", "k".repeat(101), "k".repeat(5000)).map(key ->
                        BadRequest.post(endpoint, "bad Idempotency-Key", path, List.of(JSON, "Idempotency-Key: " + key),
                                submissions.validBytes()))),
                Tuple.of(2, badSegment().map(campaign -> BadRequest.post(endpoint, "unknown campaign",
                        "/api/campaigns/" + campaign + "/applications", List.of(JSON), submissions.validBytes()))),
                Tuple.of(1, Arbitraries.of(WRONG_METHODS).map(method -> BadRequest.post(endpoint, "wrong method", path,
                        List.of(JSON), submissions.validBytes()).withMethod(method)))));
    }

    Arbitrary<BadRequest> trackApi() {
        Applicant applicant = fixtures.submitted();
        String endpoint = "tracking API";
        return decorated(Arbitraries.oneOf(
                badAuthorization(applicant).map(auth -> BadRequest.get(endpoint, "bad authorization",
                        "/api/applications/" + applicant.reference(), auth)),
                badSegment().map(reference -> BadRequest.get(endpoint, "unknown reference", "/api/applications/"
                        + reference, List.of(bearer(applicant)))),
                Arbitraries.of("POST", "PUT", "DELETE", "PATCH").map(method -> BadRequest.get(endpoint, "wrong method",
                        "/api/applications/" + applicant.reference(), List.of(bearer(fixtures.awaiting())))
                        .withMethod(method))));
    }

    Arbitrary<BadRequest> documentsApi() {
        String endpoint = "documents API";
        Applicant applicant = fixtures.awaiting();
        String path = "/api/applications/" + applicant.reference() + "/documents";
        return decorated(Arbitraries.frequencyOf(
                Tuple.of(6, fakeFile().as((content, name) -> BadRequest.post(endpoint,
                        "fake PDF " + name, path, multipartHeaders(applicant), multipart(Map.of(), "file", name,
                                content)))),
                Tuple.of(2, badMultipart().map(body -> BadRequest.post(endpoint, "bad multipart", path,
                        List.of(bearer(applicant), body.getKey()), body.getValue()))),
                Tuple.of(2, badAuthorization(applicant).map(auth -> withHeader(auth, multipartType())).map(headers ->
                        BadRequest.post(endpoint, "bad authorization", path, headers, multipart(Map.of(), "file",
                                "aipd.pdf", PDF)))),
                Tuple.of(1, badSegment().map(id -> BadRequest.post(endpoint, "closed request id", path,
                        multipartHeaders(applicant), multipart(Map.of("informationRequestId", List.of(id)), "file", "aipd.pdf",
                                PDF)))),
                Tuple.of(1, Arbitraries.just(BadRequest.post(endpoint, "no file", path, multipartHeaders(applicant),
                        multipart(Map.of("other", List.of("x")), null, null, null)))),
                Tuple.of(1, Arbitraries.of(NOT_JSON).map(type -> BadRequest.post(endpoint, "content type " + type, path,
                        List.of(bearer(applicant), "Content-Type: " + type), PDF)))));
    }

    Arbitrary<BadRequest> answerApi() {
        String endpoint = "answer API";
        Applicant applicant = fixtures.awaiting();
        String path = "/api/applications/" + applicant.reference() + "/answer";
        return decorated(Arbitraries.frequencyOf(
                Tuple.of(8, answers.bodies().map(body -> BadRequest.post(endpoint, body.kind(), path,
                        List.of(JSON, bearer(applicant)), body.bytes()))),
                Tuple.of(2, badAuthorization(applicant).map(auth -> withHeader(auth, JSON)).map(headers ->
                        BadRequest.post(endpoint, "bad authorization", path, headers, answers.validBytes()))),
                Tuple.of(1, Arbitraries.of(NOT_JSON).map(type -> BadRequest.post(endpoint, "content type " + type, path,
                        List.of(bearer(applicant), "Content-Type: " + type), answers.validBytes()))),
                Tuple.of(1, Arbitraries.of("GET", "PUT", "DELETE").map(method -> BadRequest.post(endpoint,
                        "wrong method", path, List.of(JSON, bearer(applicant)), answers.validBytes()).withMethod(method)))));
    }

    Arbitrary<BadRequest> withdrawalApi() {
        String endpoint = "withdrawal API";
        Applicant applicant = fixtures.submitted();
        String path = "/api/applications/" + applicant.reference() + "/withdrawal";
        return decorated(Arbitraries.oneOf(
                badAuthorization(applicant).map(auth -> BadRequest.post(endpoint, "bad authorization", path, auth,
                        new byte[0])),
                badSegment().map(reference -> BadRequest.post(endpoint, "unknown reference", "/api/applications/"
                        + reference + "/withdrawal", List.of(bearer(applicant)), new byte[0])),
                Arbitraries.of("GET", "PUT", "DELETE", "PATCH").map(method -> BadRequest.post(endpoint, "wrong method",
                        path, List.of(bearer(applicant)), new byte[0]).withMethod(method))));
    }

    // ------------------------------------------------------------------ the portal

    Arbitrary<BadRequest> portalPages() {
        String campaign = "/campagnes/" + fixtures.campaignId();
        List<String> pages = List.of("/", campaign, campaign + "/candidature", campaign + "/candidature/confirmation");
        return decorated(Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(pages), oddSuffix()).as((page, suffix) -> BadRequest.get(
                        "portal pages", "odd path", page + suffix, List.of("Accept: text/html"))),
                badSegment().map(id -> BadRequest.get("portal pages", "unknown campaign", "/campagnes/" + id
                        + "/candidature", List.of())),
                Combinators.combine(Arbitraries.of(pages), Arbitraries.of("PUT", "DELETE", "PATCH", "FOO")).as(
                        (page, method) -> BadRequest.get("portal pages", "wrong method", page, List.of())
                                .withMethod(method))));
    }

    Arbitrary<BadRequest> portalSubmission() {
        String endpoint = "portal form";
        String path = "/campagnes/" + fixtures.campaignId() + "/candidature";
        return decorated(Arbitraries.frequencyOf(
                Tuple.of(8, formChange(validForm, submissionFormFields()).map(form -> BadRequest.post(endpoint,
                        form.kind(), path, List.of("Content-Type: application/x-www-form-urlencoded"),
                        urlEncoded(form.values())))),
                Tuple.of(3, formChange(validForm, submissionFormFields()).map(form -> BadRequest.post(endpoint,
                        form.kind() + " (multipart)", path, List.of(multipartType()), multipart(form.values(), null,
                                null, null)))),
                Tuple.of(3, fakeFile().as((content, name) -> BadRequest.post(endpoint,
                        "fake PDF " + name, path, List.of(multipartType()), multipart(validForm, "documents", name,
                                content)))),
                Tuple.of(1, floodedForm(validForm).map(body -> BadRequest.post(endpoint, "flooded form", path,
                        List.of("Content-Type: application/x-www-form-urlencoded"), body))),
                Tuple.of(1, Arbitraries.of(NOT_JSON).filter(type -> !type.startsWith("application/x-www"))
                        .map(type -> BadRequest.post(endpoint, "content type " + type, path,
                                List.of("Content-Type: " + type), urlEncoded(validForm))))));
    }

    Arbitrary<BadRequest> portalTracking() {
        Applicant applicant = fixtures.awaiting();
        String endpoint = "portal tracking";
        String page = "/suivi/" + applicant.reference() + "/" + applicant.token();
        return decorated(Arbitraries.oneOf(
                badToken(applicant).map(token -> BadRequest.get(endpoint, "wrong token", "/suivi/"
                        + applicant.reference() + "/" + token, List.of())),
                badSegment().map(reference -> BadRequest.get(endpoint, "unknown reference", "/suivi/" + reference
                        + "/" + applicant.token(), List.of())),
                oddSuffix().map(suffix -> BadRequest.get(endpoint, "odd path", "/suivi" + suffix, List.of())),
                Arbitraries.of("PUT", "DELETE", "PATCH").map(method -> BadRequest.get(endpoint, "wrong method", page,
                        List.of()).withMethod(method)),
                Arbitraries.of("?confirmation=", "?confirmation=%00", "?confirmation=reponse&confirmation=retrait",
                        "?%ZZ", "?confirmation=" + "x".repeat(3000)).map(query -> BadRequest.get(endpoint,
                        "odd query", page + query, List.of()))));
    }

    Arbitrary<BadRequest> portalAnswer() {
        Applicant applicant = fixtures.awaiting();
        String endpoint = "portal answer";
        String path = "/suivi/" + applicant.reference() + "/" + applicant.token() + "/reponse";
        Map<String, List<String>> valid = Map.of("answer", List.of("Voici l'AIPD demandée."));
        List<Field> fields = List.of(new Field("answer", Kind.TEXT, badText("Voici l'AIPD demandée.", 4000)));
        return decorated(Arbitraries.frequencyOf(
                Tuple.of(5, formChange(valid, fields).map(form -> BadRequest.post(endpoint, form.kind(), path,
                        List.of("Content-Type: application/x-www-form-urlencoded"), urlEncoded(form.values())))),
                Tuple.of(2, formChange(valid, fields).map(form -> BadRequest.post(endpoint, form.kind()
                        + " (multipart)", path, List.of(multipartType()), multipart(form.values(), null, null, null)))),
                Tuple.of(3, fakeFile().as((content, name) -> BadRequest.post(endpoint,
                        "fake PDF " + name, path, List.of(multipartType()), multipart(valid, "documents", name,
                                content)))),
                Tuple.of(2, badToken(applicant).map(token -> BadRequest.post(endpoint, "wrong token", "/suivi/"
                        + applicant.reference() + "/" + token + "/reponse",
                        List.of("Content-Type: application/x-www-form-urlencoded"), urlEncoded(valid))))));
    }

    Arbitrary<BadRequest> portalWithdrawal() {
        Applicant applicant = fixtures.submitted();
        String endpoint = "portal withdrawal";
        return decorated(Arbitraries.oneOf(
                badToken(applicant).map(token -> BadRequest.post(endpoint, "wrong token", "/suivi/"
                        + applicant.reference() + "/" + token + "/retrait", List.of(), new byte[0])),
                badSegment().map(reference -> BadRequest.post(endpoint, "unknown reference", "/suivi/" + reference
                        + "/" + applicant.token() + "/retrait", List.of(), new byte[0])),
                badToken(applicant).map(token -> BadRequest.get(endpoint, "wrong token", "/suivi/"
                        + applicant.reference() + "/" + token + "/retrait", List.of())),
                Arbitraries.of("PUT", "DELETE", "PATCH").map(method -> BadRequest.get(endpoint, "wrong method",
                        "/suivi/" + applicant.reference() + "/" + applicant.token() + "/retrait", List.of())
                        .withMethod(method))));
    }

    /** Paths nobody links to, under the API, the portal and elsewhere. */
    Arbitrary<BadRequest> oddPaths() {
        return decorated(Combinators.combine(Arbitraries.of("/api", "/api/", "/api/applications", "/api/campaigns/",
                        "/campagnes", "/suivi/", "/", "/api/applications/" + fixtures.submitted().reference()),
                oddSuffix(), Arbitraries.of("GET", "POST", "PUT", "DELETE")).as((prefix, suffix, method) ->
                new BadRequest("odd paths", "odd path", method, prefix + suffix, List.of(JSON), method.equals("GET")
                        ? new byte[0] : "{}".getBytes(StandardCharsets.UTF_8), !method.equals("GET"))));
    }

    // ------------------------------------------------------------------ pieces

    private static Arbitrary<BadRequest> decorated(Arbitrary<BadRequest> requests) {
        return requests.flatMap(Decorations::decorate);
    }

    private static List<Field> submissionFields(ObjectNode valid) {
        Map<String, Set<String>> choices = Map.of(
                "applicantType", names(ApplicantType.values()),
                "publicServiceDomain", names(PublicServiceDomain.values()),
                "projectStage", names(ProjectStage.values()),
                "aiAct.prohibitedPractice", names(ProhibitedPractice.values()),
                "aiAct.annexIiiArea", names(AnnexIiiArea.values()));
        Map<String, Integer> texts = Map.of("organisationName", 200, "contactName", 200, "projectTitle", 200,
                "projectSummary", 4000, "legalQuestions", 4000);
        List<Field> fields = new ArrayList<>();
        for (String path : paths(valid, "")) {
            JsonNode value = path.contains(".") ? valid.get(path.substring(0, path.indexOf('.')))
                    .get(path.substring(path.indexOf('.') + 1)) : valid.get(path);
            if (value.isBoolean()) {
                fields.add(new Field(path, Kind.BOOLEAN, null));
            } else if (value.isArray()) {
                fields.add(new Field(path, Kind.LIST, null));
            } else if (value.isObject()) {
                fields.add(new Field(path, Kind.OBJECT, null));
            } else if (choices.containsKey(path)) {
                fields.add(new Field(path, Kind.CHOICE, Arbitraries.oneOf(BadValues.notAChoice(choices.get(path)),
                        BadValues.invisible(), BadValues.withForbiddenCharacter(value.asText()))));
            } else if (texts.containsKey(path)) {
                fields.add(new Field(path, Kind.TEXT, badText(value.asText(), texts.get(path))));
            } else {
                Arbitrary<String> bad = switch (path) {
                    case "siret" -> BadValues.badSiret(value.asText());
                    case "contactEmail" -> BadValues.badEmail();
                    case "contactPhone" -> BadValues.badPhone();
                    default -> throw new IllegalStateException("Unclassified field " + path);
                };
                fields.add(new Field(path, Kind.FORMATTED, Arbitraries.oneOf(bad, BadValues.invisible(),
                        BadValues.withForbiddenCharacter(value.asText()))));
            }
        }
        return fields;
    }

    private static Arbitrary<String> badText(String valid, int max) {
        return Arbitraries.oneOf(BadValues.invisible(), BadValues.withForbiddenCharacter(valid), BadValues.tooLong(max));
    }

    private static List<String> paths(ObjectNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            paths.add(prefix + field.getKey());
            if (field.getValue() instanceof ObjectNode nested) {
                paths.addAll(paths(nested, field.getKey() + "."));
            }
        }
        return paths;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }

    /** The portal form of a valid application: yes/no radios send true or false, check boxes repeat their name. */
    private static Map<String, List<String>> form(ObjectNode valid) {
        Map<String, List<String>> form = new java.util.LinkedHashMap<>();
        for (String path : paths(valid, "")) {
            JsonNode value = path.contains(".") ? valid.get(path.substring(0, path.indexOf('.')))
                    .get(path.substring(path.indexOf('.') + 1)) : valid.get(path);
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                form.put(path, items);
            } else if (!value.isObject()) {
                form.put(path, List.of(value.asText()));
            }
        }
        return form;
    }

    private List<Field> submissionFormFields() {
        Set<String> lists = Set.of("aiTechniques", "personalDataCategories");
        return submissions.fields().stream().filter(field -> field.kind() != Kind.OBJECT)
                .map(field -> field.kind() == Kind.LIST ? new Field(field.path(), Kind.LIST, Arbitraries.of("TELEPATHY",
                        "generative", "IDENTITY\u0000"))
                        : field.kind() == Kind.BOOLEAN ? new Field(field.path(), Kind.BOOLEAN, Arbitraries.of("TRUE",
                        "1", "oui", "on", "-1", "", " ", "true\u00a0", "vrai"))
                        : field)
                .filter(field -> lists.contains(field.path()) || field.badValues() != null)
                .toList();
    }

    record Form(String kind, Map<String, List<String>> values) {
    }

    /** The form with one field missing, given a bad value, or sent twice. */
    private static Arbitrary<Form> formChange(Map<String, List<String>> valid, List<Field> fields) {
        Arbitrary<Field> field = Arbitraries.of(fields);
        return Arbitraries.oneOf(
                field.map(f -> {
                    Map<String, List<String>> form = new java.util.LinkedHashMap<>(valid);
                    form.remove(f.path());
                    return new Form("missing " + f.path(), form);
                }),
                field.flatMap(f -> f.badValues().map(value -> {
                    Map<String, List<String>> form = new java.util.LinkedHashMap<>(valid);
                    form.put(f.path(), List.of(value));
                    return new Form("bad value " + f.path(), form);
                })),
                field.filter(f -> f.kind() != Kind.LIST).flatMap(f -> Arbitraries.of(true, false).map(same -> {
                    Map<String, List<String>> form = new java.util.LinkedHashMap<>(valid);
                    String first = valid.get(f.path()).get(0);
                    form.put(f.path(), List.of(first, same ? first : first + " bis"));
                    return new Form("duplicate " + f.path(), form);
                })),
                Combinators.combine(field.filter(f -> f.kind() == Kind.TEXT), Arbitraries.of(BadValues.INVALID_UTF8))
                        .as((f, bytes) -> {
                            Map<String, List<String>> form = new java.util.LinkedHashMap<>(valid);
                            form.put(f.path(), List.of("Ville " + Encodings.latin1(bytes) + " de Lyon"));
                            return new Form("invalid UTF-8 in " + f.path(), form);
                        }));
    }

    /** A valid form drowned in more fields than the web server reads (10,000), before or after it. */
    private static Arbitrary<byte[]> floodedForm(Map<String, List<String>> valid) {
        return Combinators.combine(Arbitraries.integers().between(10_001, 25_000), Arbitraries.of(true, false))
                .as((count, before) -> {
                    StringBuilder flood = new StringBuilder();
                    for (int i = 0; i < count; i++) {
                        flood.append("x").append(i).append("=y&");
                    }
                    String form = new String(urlEncoded(valid), StandardCharsets.US_ASCII);
                    return (before ? flood + form : form + "&" + flood).getBytes(StandardCharsets.US_ASCII);
                });
    }

    /** Form values are ISO-8859-1 strings of bytes when they hold invalid UTF-8, else text. */
    private static byte[] urlEncoded(Map<String, List<String>> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((name, values) -> values.forEach(value -> pairs.add(Encodings.percent(name) + "="
                + Encodings.percent(bytes(value)))));
        return String.join("&", pairs).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] multipart(Map<String, List<String>> form, String fileField, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        form.forEach((name, values) -> values.forEach(value -> {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes(value));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }));
        if (fileField != null) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Encodings.looseUtf8(fileName));
            body.writeBytes("\"\r\nContent-Type: application/pdf\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /**
     * The bytes of a form value. The invalid UTF-8 cases put their bytes in a value of ISO-8859-1
     * chars after "Ville ": those are sent as they are; any other value is encoded in UTF-8.
     */
    private static byte[] bytes(String value) {
        boolean rawBytes = value.chars().anyMatch(c -> c >= 0x80 && c <= 0xFF) && value.chars().allMatch(c -> c <= 0xFF)
                && value.startsWith("Ville ");
        return rawBytes ? value.getBytes(StandardCharsets.ISO_8859_1) : Encodings.looseUtf8(value);
    }

    private static String multipartType() {
        return "Content-Type: multipart/form-data; boundary=" + BOUNDARY;
    }

    private static List<String> multipartHeaders(Applicant applicant) {
        return List.of(bearer(applicant), multipartType());
    }

    /** Multipart bodies that cannot be read: no boundary, another boundary, cut short, no headers, garbage. */
    private static Arbitrary<Map.Entry<String, byte[]>> badMultipart() {
        byte[] valid = multipart(Map.of(), "file", "aipd.pdf", PDF);
        return Arbitraries.oneOf(
                Arbitraries.<Map.Entry<String, byte[]>>of(
                        Map.entry("Content-Type: multipart/form-data", valid),
                        Map.entry("Content-Type: multipart/form-data; boundary=", valid),
                        Map.entry("Content-Type: multipart/form-data; boundary=other", valid),
                        Map.entry("Content-Type: multipart/form-data; boundary=\"" + "b".repeat(200) + "\"", valid),
                        Map.entry("Content-Type: multipart/mixed; boundary=" + BOUNDARY, valid),
                        Map.entry(multipartType(), ("--" + BOUNDARY + "\r\n\r\n%PDF-1.4\r\n--" + BOUNDARY + "--\r\n")
                                .getBytes(StandardCharsets.US_ASCII)),
                        Map.entry(multipartType(), "garbage".getBytes(StandardCharsets.US_ASCII)),
                        Map.entry(multipartType(), new byte[0])),
                Arbitraries.integers().between(1, endOfFileContent(valid)).map(length -> Map.entry(multipartType(),
                        Arrays.copyOf(valid, length))));
    }

    /** Where the file's content ends: a body cut before it has no complete file. */
    private static int endOfFileContent(byte[] multipart) {
        String text = new String(multipart, StandardCharsets.ISO_8859_1);
        return text.indexOf("%%EOF") + "%%EOF".length() - 1;
    }

    /** A file that is not a PDF, and a name; an empty file without a name is what a browser sends for no file. */
    private static Combinators.Combinator2<byte[], String> fakeFile() {
        return Combinators.combine(fakePdf(), fileName()).filter((content, name) -> content.length > 0
                || !name.isBlank());
    }

    /** Files that are not PDF documents, whatever their name says. */
    private static Arbitrary<byte[]> fakePdf() {
        byte[] padding = new byte[2000];
        Arrays.fill(padding, (byte) ' ');
        return Arbitraries.oneOf(
                Arbitraries.of(new byte[0], "%PDF".getBytes(StandardCharsets.US_ASCII),
                        "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII),
                        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII),
                        " %PDF-1.4\n%%EOF".getBytes(StandardCharsets.US_ASCII),
                        concat("\ufeff".getBytes(StandardCharsets.UTF_8), PDF),
                        concat(PDF, padding),
                        "%%EOF %PDF-".getBytes(StandardCharsets.US_ASCII),
                        "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1),
                        "%pdf-1.4\n%%eof".getBytes(StandardCharsets.US_ASCII)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4000)
                        .filter(bytes -> !(bytes.length > 4 && bytes[0] == '%' && bytes[1] == 'P')));
    }

    private static Arbitrary<String> fileName() {
        return Arbitraries.oneOf(Arbitraries.of("aipd.pdf", "../../etc/passwd", "..\\..\\boot.ini", "", " ", ".pdf",
                        "a\u0000b.pdf", "nom\u202eFDP.exe", "\u00e9t\u00e9.pdf", "x".repeat(1000) + ".pdf",
                        "C:\\Users\\a.pdf", "\ud800.pdf", "CON", "a\"b.pdf", "a;b=c.pdf"),
                Arbitraries.strings().ofMaxLength(60).filter(name -> name.indexOf('"') < 0 && name.indexOf('\r') < 0
                        && name.indexOf('\n') < 0));
    }

    private static Arbitrary<List<String>> badAuthorization(Applicant applicant) {
        String token = applicant.token();
        return Arbitraries.oneOf(
                Arbitraries.just(List.of()),
                Arbitraries.of("Bearer", "Bearer ", "bearer " + token, "Basic " + token, token, "Bearer " + token + "x",
                        "Bearer x" + token, "Bearer " + token.substring(1), "Bearer " + token.toUpperCase(),
                        "Bearer " + token.replace(token.charAt(0), token.charAt(0) == 'a' ? 'b' : 'a'),
                        "Bearer " + "t".repeat(4000), "Bearer " + Encodings.latin1(new byte[] {(byte) 0xE9, (byte) 0xFF}),
                        "Bearer %00", "Bearer null", "Bearer " + token + ", Bearer " + token)
                        .map(value -> List.of("Authorization: " + value)));
    }

    private static Arbitrary<String> badToken(Applicant applicant) {
        String token = applicant.token();
        return Arbitraries.oneOf(Arbitraries.of(token + "x", token.substring(1), token.toUpperCase(), "x", "%00",
                        "%ZZ", "..", "%2e%2e", token + "%2F", "t".repeat(3000), "%ED%A0%80", "%C3%A9",
                        Encodings.latin1(new byte[] {(byte) 0xE9})),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64).filter(t -> !t.equals(token)));
    }

    /** Path segments: unknown ids, encoded oddities, raw bytes, dot segments, very long ones. */
    private static Arbitrary<String> badSegment() {
        return Arbitraries.oneOf(
                Arbitraries.of("BAS-2026-9999", "bas-2026-0001", "..", ".", "%2e%2e", "%00", "%ZZ", "%", "a%2Fb",
                        "a%5Cb", "x;y=1", "%C3%A9", "%ED%A0%80", "%F0%9F%98%80", "%E2%80%AE", "%0A", "%20",
                        "%C0%AE", "~", "null", "undefined", "0", "-1", "1e9", "%u0041", "'", "%27%20OR%201%3D1",
                        Encodings.latin1(new byte[] {(byte) 0xC3, (byte) 0xA9}), "x".repeat(5000), "a|b", "a^b",
                        "a{b}", "a\"b", "a<b>", "a\\b", "a`b"),
                Arbitraries.strings().alpha().numeric().withChars("-_.~").ofMinLength(1).ofMaxLength(80));
    }

    /** What may follow a path: a slash, dot segments, encoded slashes, a query, a matrix parameter, junk. */
    private static Arbitrary<String> oddSuffix() {
        return Arbitraries.oneOf(
                Arbitraries.of("/", "//", "/.", "/..", "/../..", "/%2e%2e/%2e%2e", "/%2F", ";x=1", ";jsessionid=x",
                        "?%ZZ", "?a=%00", "?" + "a=1&".repeat(1000), "#frag", "/x", "/x/y/z", "%00", "%", "/%C0%AE",
                        "/" + "x".repeat(9000), "\\", "/\u00e9", "/%ED%A0%80", "/*", "/?", ".json", ".xml", "~"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40).map(junk -> "/" + junk));
    }

    private static String bearer(Applicant applicant) {
        return "Authorization: Bearer " + applicant.token();
    }

    private static List<String> withHeader(List<String> headers, String header) {
        List<String> all = new ArrayList<>(headers);
        all.add(header);
        return all;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}

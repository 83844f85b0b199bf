package fr.bacasable.selection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.StaffLogin;
import fr.bacasable.application.Applications;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignDraft;
import fr.bacasable.campaign.CampaignService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The ranked list of DESIGN.md: total descending, then data-protection interest, then impact, then
 * earlier submission; the proposal fills laureates, advised projects and the reserve list in turn.
 * The reviews' results are written straight into the application rows: the review itself is tested
 * elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RankingTests {

    static final String PASSWORD = "it-Secret-42";
    static final Instant FIRST_SUBMISSION = Instant.parse("2026-10-01T08:00:00Z");

    @Autowired
    CampaignService campaigns;
    @Autowired
    IntakeService intake;
    @Autowired
    RankingService ranking;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;

    Campaign campaign;

    @BeforeEach
    void shortlistSixApplications() {
        String title = "Classement " + System.nanoTime();
        LocalDate today = LocalDate.now();
        campaigns.startPublication(new CampaignDraft(title, "Campagne de test du classement", today,
                today.plusDays(30), 1, 1, 1, null, null));
        campaign = campaigns.listPublic().stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow();
        shortlist("A", 0, "4", "4", "4", "4");
        shortlist("B", 1, "4", "3.5", "4", "4.5");
        shortlist("C", 2, "3.5", "4", "4", "4.5");
        shortlist("D", 3, "3", "3", "3", "4");
        shortlist("E", 4, "3", "3", "3.5", "3.5");
        shortlist("F", 5, "3", "3", "3", "4");
    }

    @Test
    void ranksByTotalThenDataProtectionInterestThenImpactThenEarlierSubmission() {
        List<RankedApplication> lines = ranking.rank(campaign);

        assertThat(lines).extracting(line -> line.application().projectTitle())
                .containsExactly("Projet C", "Projet A", "Projet B", "Projet D", "Projet F", "Projet E");
        assertThat(lines).extracting(RankedApplication::rank).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(lines).extracting(RankedApplication::proposedOutcome).containsExactly(Outcome.LAUREATE,
                Outcome.ADVISED, Outcome.RESERVE, Outcome.NOT_SELECTED, Outcome.NOT_SELECTED, Outcome.NOT_SELECTED);
    }

    @Test
    void managersAndTheCommitteeReadTheRankingAndExportIt() {
        ResponseEntity<String> page = get("/staff/campaigns/" + campaign.id() + "/ranking", login("committee"));
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Classement des candidatures présélectionnées", "Projet C",
                "Lauréat (accompagné)", "Liste complémentaire");
        String first = ranking.rank(campaign).get(0).application().reference();
        assertThat(page.getBody()).as("each line links to its case page")
                .contains("<a href=\"/cases/" + first + "\"");

        ResponseEntity<byte[]> csv = http.exchange("/staff/campaigns/" + campaign.id() + "/ranking.csv",
                HttpMethod.GET, new HttpEntity<>(cookie(login("manager"))), byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> rows = new String(csv.getBody(), StandardCharsets.UTF_8).lines().toList();
        assertThat(rows.get(0)).isEqualTo("\uFEFFRang;Référence;Projet;Organisme;Pertinence;"
                + "Intérêt protection des données;Qualité;Impact;Total;Proposition;Sélection;Motif du changement;"
                + "Décision");
        assertThat(rows.get(1)).as("before the selection is established, its columns are empty").startsWith("1;BAS-")
                .endsWith(";Projet C;Ville de Lyon;3,5;4;4;4,5;16;Lauréat (accompagné);;;");
        assertThat(rows).hasSize(7);
    }

    @Test
    void theCommitteeExportsTheRankingAsAWorkbook() throws IOException {
        ResponseEntity<byte[]> xlsx = http.exchange("/staff/campaigns/" + campaign.id() + "/ranking.xlsx",
                HttpMethod.GET, new HttpEntity<>(cookie(login("committee"))), byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(xlsx.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("classement-" + campaign.id() + ".xlsx");
        String worksheet = worksheet(xlsx.getBody());
        assertThat(worksheet).contains(">Rang<", ">Intérêt protection des données<", ">Proposition<");
        String firstRanked = worksheet.substring(worksheet.indexOf("<row r=\"2\">"),
                worksheet.indexOf("<row r=\"3\">"));
        assertThat(firstRanked).contains(">" + ranking.rank(campaign).get(0).application().reference() + "<",
                ">Projet C<", "<v>16</v>", ">Lauréat (accompagné)<");
    }

    @Test
    void reviewersCannotReadTheRanking() {
        assertThat(get("/staff/campaigns/" + campaign.id() + "/ranking", login("legal")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/staff/campaigns/" + campaign.id() + "/ranking.xlsx", login("legal"))
                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private void shortlist(String name, int order, String relevance, String interest, String quality, String impact) {
        String reference = intake.submit(campaign.id(), Applications.submission("Projet " + name), List.of())
                .reference();
        jdbc.sql("UPDATE application SET status = 'SHORTLISTED', review_recommendation = 'SHORTLIST', "
                        + "relevance_score = :relevance, "
                        + "data_protection_interest_score = :interest, quality_score = :quality, impact_score = :impact, "
                        + "submitted_at = :submittedAt WHERE reference = :reference")
                .param("relevance", new BigDecimal(relevance))
                .param("interest", new BigDecimal(interest))
                .param("quality", new BigDecimal(quality))
                .param("impact", new BigDecimal(impact))
                .param("submittedAt", Timestamp.from(FIRST_SUBMISSION.plusSeconds(60L * order)))
                .param("reference", reference)
                .update();
    }

    private String login(String userId) {
        return StaffLogin.cookie(http, userId, PASSWORD);
    }

    private ResponseEntity<String> get(String path, String cookie) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(cookie(cookie)), String.class);
    }

    /** The only sheet's XML, read from the workbook's zip. */
    private static String worksheet(byte[] workbook) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(workbook))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("The workbook has no xl/worksheets/sheet1.xml");
    }

    private static HttpHeaders cookie(String cookie) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookie);
        return headers;
    }
}

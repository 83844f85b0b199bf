package fr.bacasable.selection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV cells a spreadsheet opens safely. */
class RankingCsvTest {

    @Test
    void aCellThatLooksLikeAFormulaIsNeutralised() {
        assertThat(RankingPageController.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(RankingPageController.cell("-1")).isEqualTo("'-1");
    }

    @Test
    void aCellWithASeparatorOrQuotesIsQuoted() {
        assertThat(RankingPageController.cell("Ville; centre")).isEqualTo("\"Ville; centre\"");
        assertThat(RankingPageController.cell("L'« IA »")).isEqualTo("L'« IA »");
    }
}

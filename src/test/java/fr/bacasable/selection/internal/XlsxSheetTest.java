package fr.bacasable.selection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The hand-written workbook: its parts are well-formed XML, numbers are numeric cells, text is escaped. */
class XlsxSheetTest {

    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    static Map<String, byte[]> parts;

    @BeforeAll
    static void writeAWorkbook() throws Exception {
        byte[] workbook = XlsxSheet.workbook("Classement", List.of("Rang", "Projet", "Total"), List.of(
                Arrays.asList(1, "Santé <IA> & \"données\"", new BigDecimal("15.50")),
                Arrays.asList(2, "=HYPERLINK(\"x\")", null),
                Arrays.asList(3, "a\u0001b\uFFFEc\uD800d", 12.25)));
        parts = unzip(workbook);
    }

    @Test
    void holdsTheMinimalPartsAllWellFormed() throws Exception {
        assertThat(parts).containsOnlyKeys("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml");
        for (byte[] part : parts.values()) {
            parse(part);
        }
        Element sheet = (Element) parse(parts.get("xl/workbook.xml")).getElementsByTagNameNS(MAIN, "sheet").item(0);
        assertThat(sheet.getAttribute("name")).isEqualTo("Classement");
    }

    @Test
    void theHeaderIsBoldText() throws Exception {
        Element rang = cell("A1");
        assertThat(rang.getAttribute("t")).isEqualTo("inlineStr");
        assertThat(rang.getAttribute("s")).isEqualTo("1");
        assertThat(rang.getTextContent()).isEqualTo("Rang");
    }

    @Test
    void numbersAreNumericCells() throws Exception {
        assertThat(cell("A2").getAttribute("t")).isEmpty();
        assertThat(value("A2")).isEqualTo("1");
        assertThat(cell("C2").getAttribute("t")).isEmpty();
        assertThat(value("C2")).isEqualTo("15.5");
        assertThat(value("C4")).isEqualTo("12.25");
    }

    @Test
    void textIsEscapedAndKeptAsText() throws Exception {
        assertThat(cell("B2").getAttribute("t")).isEqualTo("inlineStr");
        assertThat(cell("B2").getTextContent()).isEqualTo("Santé <IA> & \"données\"");
        Element formulaLike = cell("B3");
        assertThat(formulaLike.getAttribute("t")).isEqualTo("inlineStr");
        assertThat(formulaLike.getElementsByTagNameNS(MAIN, "f").getLength()).isZero();
        assertThat(formulaLike.getTextContent()).isEqualTo("=HYPERLINK(\"x\")");
    }

    @Test
    void charactersXmlForbidsAreDropped() throws Exception {
        assertThat(cell("B4").getTextContent()).isEqualTo("abcd");
    }

    @Test
    void anEmptyCellIsLeftOut() throws Exception {
        assertThat(cells().keySet()).doesNotContain("C3").contains("B3", "A4");
    }

    @Test
    void columnsAreNamedAsInCellReferences() {
        assertThat(XlsxSheet.columnName(0)).isEqualTo("A");
        assertThat(XlsxSheet.columnName(25)).isEqualTo("Z");
        assertThat(XlsxSheet.columnName(26)).isEqualTo("AA");
        assertThat(XlsxSheet.columnName(701)).isEqualTo("ZZ");
        assertThat(XlsxSheet.columnName(702)).isEqualTo("AAA");
    }

    @Test
    void aSheetNameExcelRefusesIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> XlsxSheet.workbook("Classement 2026/2027",
                List.of("Rang"), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> XlsxSheet.workbook("Classement des candidatures 2026",
                List.of("Rang"), List.of()));
    }

    private static Element cell(String reference) throws Exception {
        return cells().get(reference);
    }

    private static String value(String reference) throws Exception {
        return cell(reference).getElementsByTagNameNS(MAIN, "v").item(0).getTextContent();
    }

    private static Map<String, Element> cells() throws Exception {
        NodeList nodes = parse(parts.get("xl/worksheets/sheet1.xml")).getElementsByTagNameNS(MAIN, "c");
        Map<String, Element> cells = new HashMap<>();
        for (int index = 0; index < nodes.getLength(); index++) {
            Element cell = (Element) nodes.item(index);
            cells.put(cell.getAttribute("r"), cell);
        }
        return cells;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}

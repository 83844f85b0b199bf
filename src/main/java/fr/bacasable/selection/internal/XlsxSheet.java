package fr.bacasable.selection.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.MediaType;

/**
 * A one-sheet Office Open XML workbook (.xlsx) written by hand: a bold header row, then one row per line,
 * numbers as numeric cells and text as inline strings. Only the parts Excel and LibreOffice require.
 */
final class XlsxSheet {

    static final MediaType CONTENT_TYPE =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String DOCUMENT_RELATIONSHIPS =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String CONTENT_TYPE_PREFIX = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    /** Characters Excel refuses in a sheet name. */
    private static final String FORBIDDEN_IN_SHEET_NAME = "[]:*?/\\";
    private static final int MAX_SHEET_NAME_LENGTH = 31;
    /** Index of the bold cell format in {@code xl/styles.xml}. */
    private static final int BOLD_STYLE = 1;

    private XlsxSheet() {
    }

    /**
     * The workbook's bytes.
     *
     * @param sheetName the only sheet's name (1 to 31 characters, none of {@code []:*?/\})
     * @param header the header row, in bold
     * @param rows one list of cells per row: a {@link Number} (numeric cell), a {@link String} (text cell)
     *     or {@code null} (empty cell)
     */
    static byte[] workbook(String sheetName, List<String> header, List<? extends List<?>> rows) {
        requireValidSheetName(sheetName);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "[Content_Types].xml", contentTypes());
            put(zip, "_rels/.rels", relationships(relationship("rId1",
                    DOCUMENT_RELATIONSHIPS + "/officeDocument", "xl/workbook.xml")));
            put(zip, "xl/workbook.xml", workbookPart(sheetName));
            put(zip, "xl/_rels/workbook.xml.rels", relationships(
                    relationship("rId1", DOCUMENT_RELATIONSHIPS + "/worksheet", "worksheets/sheet1.xml")
                            + relationship("rId2", DOCUMENT_RELATIONSHIPS + "/styles", "styles.xml")));
            put(zip, "xl/styles.xml", styles());
            put(zip, "xl/worksheets/sheet1.xml", worksheet(header, rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void requireValidSheetName(String sheetName) {
        boolean valid = !sheetName.isEmpty() && sheetName.length() <= MAX_SHEET_NAME_LENGTH
                && sheetName.chars().noneMatch(c -> FORBIDDEN_IN_SHEET_NAME.indexOf(c) >= 0);
        if (!valid) {
            throw new IllegalArgumentException("Invalid sheet name: " + sheetName);
        }
    }

    private static void put(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write((XML_DECLARATION + xml).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String contentTypes() {
        return "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" "
                + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + override("/xl/workbook.xml", "sheet.main+xml")
                + override("/xl/worksheets/sheet1.xml", "worksheet+xml")
                + override("/xl/styles.xml", "styles+xml")
                + "</Types>";
    }

    private static String override(String partName, String contentTypeSuffix) {
        return "<Override PartName=\"" + partName + "\" ContentType=\"" + CONTENT_TYPE_PREFIX + contentTypeSuffix
                + "\"/>";
    }

    private static String relationships(String relationships) {
        return "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">" + relationships + "</Relationships>";
    }

    private static String relationship(String id, String type, String target) {
        return "<Relationship Id=\"" + id + "\" Type=\"" + type + "\" Target=\"" + target + "\"/>";
    }

    private static String workbookPart(String sheetName) {
        return "<workbook xmlns=\"" + MAIN_NAMESPACE + "\" xmlns:r=\"" + DOCUMENT_RELATIONSHIPS + "\">"
                + "<sheets><sheet name=\"" + escape(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                + "</workbook>";
    }

    /** The default format (0) and a bold one ({@link #BOLD_STYLE}); the two fills are those Excel reserves. */
    private static String styles() {
        return "<styleSheet xmlns=\"" + MAIN_NAMESPACE + "\">"
                + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
                + "</cellStyleXfs>"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
                + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                + "</styleSheet>";
    }

    private static String worksheet(List<String> header, List<? extends List<?>> rows) {
        StringBuilder xml = new StringBuilder("<worksheet xmlns=\"" + MAIN_NAMESPACE + "\"><sheetData>");
        appendRow(xml, 1, header, BOLD_STYLE);
        for (int index = 0; index < rows.size(); index++) {
            appendRow(xml, index + 2, rows.get(index), 0);
        }
        return xml.append("</sheetData></worksheet>").toString();
    }

    private static void appendRow(StringBuilder xml, int rowNumber, List<?> cells, int style) {
        xml.append("<row r=\"").append(rowNumber).append("\">");
        for (int column = 0; column < cells.size(); column++) {
            Object value = cells.get(column);
            if (value != null) {
                appendCell(xml, columnName(column) + rowNumber, value, style);
            }
        }
        xml.append("</row>");
    }

    private static void appendCell(StringBuilder xml, String reference, Object value, int style) {
        xml.append("<c r=\"").append(reference).append('"');
        if (style != 0) {
            xml.append(" s=\"").append(style).append('"');
        }
        if (value instanceof Number number) {
            xml.append("><v>").append(number(number)).append("</v></c>");
        } else if (value instanceof String text) {
            xml.append(" t=\"inlineStr\"><is><t xml:space=\"preserve\">").append(escape(text))
                    .append("</t></is></c>");
        } else {
            throw new IllegalArgumentException("Neither text nor a number: " + value.getClass().getName());
        }
    }

    /** A(0), B(1) … Z(25), AA(26) … as the cell references spell columns. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int rest = column + 1; rest > 0; rest = (rest - 1) / 26) {
            name.insert(0, (char) ('A' + (rest - 1) % 26));
        }
        return name.toString();
    }

    /** Plain decimal notation; a non-finite double has no cell value and is refused. */
    private static String number(Number value) {
        BigDecimal decimal = value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
        return decimal.stripTrailingZeros().toPlainString();
    }

    /**
     * Escapes XML's special characters (and carriage returns, which parsers would turn into line feeds) and drops
     * the characters XML 1.0 does not allow: control characters, lone surrogates, U+FFFE and U+FFFF.
     */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().filter(XlsxSheet::allowedInXml).forEach(codePoint -> {
            switch (codePoint) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\r' -> escaped.append("&#13;");
                default -> escaped.appendCodePoint(codePoint);
            }
        });
        return escaped.toString();
    }

    private static boolean allowedInXml(int codePoint) {
        return codePoint == '\t' || codePoint == '\n' || codePoint == '\r'
                || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
                || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }
}

package fr.bacasable.application.internal;

import fr.bacasable.document.DocumentService;
import fr.bacasable.shared.ProgrammeTime;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What the portal's templates compute: field ids, file sizes and deadlines in French, e.g.
 * {@code ${@portalFormat.size(bytes)}}.
 */
@Component("portalFormat")
class PortalFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final long KILO = 1024;

    /**
     * The id of a field's input, the target of its link in the error summary: {@code dpia.largeScale}
     * is {@code dpia-largeScale}.
     */
    public String id(String field) {
        return field.replace('.', '-');
    }

    /** The size of the largest document, for the browser to check before sending. */
    public long maxDocumentBytes() {
        return DocumentService.MAX_BYTES;
    }

    /** "850 octets", "12,4 Ko", "3,2 Mo". */
    public String size(long bytes) {
        if (bytes < KILO) {
            return bytes + (bytes > 1 ? " octets" : " octet");
        }
        NumberFormat number = NumberFormat.getNumberInstance(Locale.FRENCH);
        number.setMaximumFractionDigits(1);
        if (bytes < KILO * KILO) {
            return number.format(bytes / (double) KILO) + " Ko";
        }
        return number.format(bytes / (double) (KILO * KILO)) + " Mo";
    }

    /** The last day to answer a request due at {@code dueAt}, which is the midnight that ends that day in Paris. */
    public String lastDayToAnswer(Instant dueAt) {
        return DATE.format(LocalDate.ofInstant(dueAt, ProgrammeTime.ZONE).minusDays(1));
    }
}

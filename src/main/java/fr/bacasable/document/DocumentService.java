package fr.bacasable.document;

import fr.bacasable.document.internal.DocumentRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/** The document module's public API. */
@Service
public class DocumentService {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_FILE_NAME_LENGTH = 255;

    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_TRAILER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final int TRAILER_WINDOW = 1024;

    private final DocumentRepository documents;
    private final int maxPerApplication;
    private final DataSize maxTotalPerApplication;
    private final Clock clock;

    /**
     * @param maxPerApplication how many documents one application may hold in all, whatever the
     *         number of requests that brought them
     * @param maxTotalPerApplication their total size
     */
    DocumentService(DocumentRepository documents, Clock clock,
            @Value("${bas.documents.max-per-application:20}") int maxPerApplication,
            @Value("${bas.documents.max-total-per-application:100MB}") DataSize maxTotalPerApplication) {
        this.documents = documents;
        this.maxPerApplication = maxPerApplication;
        this.maxTotalPerApplication = maxTotalPerApplication;
        this.clock = clock;
    }

    /**
     * Refuses what is not a PDF of at most 10 MB, judged by the content, never by the name.
     *
     * @throws InvalidDocumentException with a French message naming the file
     */
    public void check(UploadedFile file) {
        String name = displayName(file.fileName());
        if (file.content() == null || file.content().length == 0) {
            throw new InvalidDocumentException("Le fichier « " + name + " » est vide.", false);
        }
        checkSize(file.fileName(), file.content().length);
        if (!isPdf(file.content())) {
            throw new InvalidDocumentException("Le fichier « " + name + " » n'est pas un document PDF.", false);
        }
    }

    /**
     * Refuses a file over 10 MB by its announced size, before its content is read.
     *
     * @throws InvalidDocumentException {@linkplain InvalidDocumentException#tooLarge() too large}, naming the file
     */
    public static void checkSize(String fileName, long bytes) {
        if (bytes > MAX_BYTES) {
            throw new InvalidDocumentException("Le fichier « " + displayName(fileName) + " » dépasse 10 Mo.", true);
        }
    }

    /** Checks and stores a document, in the caller's transaction. */
    public DocumentInfo store(String applicationId, String informationRequestId, UploadedFile file) {
        check(file);
        DocumentInfo info = new DocumentInfo(UUID.randomUUID().toString(), applicationId, informationRequestId,
                displayName(file.fileName()), file.content().length, sha256(file.content()), clock.instant());
        documents.insert(info, file.content());
        return info;
    }

    /**
     * Why {@code files} would not fit in the application beside the documents it already holds, or
     * empty when they fit. The caller holds a lock on the application so that two uploads cannot
     * both pass.
     */
    public Optional<String> roomProblem(String applicationId, List<UploadedFile> files) {
        List<DocumentInfo> stored = applicationId == null ? List.of() : documentsOf(applicationId);
        if (stored.size() + files.size() > maxPerApplication) {
            return Optional.of("Une candidature ne peut compter plus de " + maxPerApplication
                    + " documents (elle en a déjà " + stored.size() + ").");
        }
        long bytes = stored.stream().mapToLong(DocumentInfo::sizeBytes).sum()
                + files.stream().mapToLong(file -> file.content() == null ? 0 : file.content().length).sum();
        if (bytes > maxTotalPerApplication.toBytes()) {
            return Optional.of("Les documents d'une candidature ne peuvent dépasser "
                    + maxTotalPerApplication.toMegabytes() + " Mo en tout.");
        }
        return Optional.empty();
    }

    public List<DocumentInfo> documentsOf(String applicationId) {
        return documents.findByApplication(applicationId);
    }

    public Optional<byte[]> content(String applicationId, String documentId) {
        return documents.content(applicationId, documentId);
    }

    public Optional<DocumentInfo> find(String applicationId, String documentId) {
        return documentsOf(applicationId).stream().filter(document -> document.id().equals(documentId)).findFirst();
    }

    private static boolean isPdf(byte[] content) {
        if (content.length < PDF_HEADER.length + PDF_TRAILER.length) {
            return false;
        }
        for (int i = 0; i < PDF_HEADER.length; i++) {
            if (content[i] != PDF_HEADER[i]) {
                return false;
            }
        }
        int from = Math.max(PDF_HEADER.length, content.length - TRAILER_WINDOW);
        for (int start = content.length - PDF_TRAILER.length; start >= from; start--) {
            if (matchesAt(content, start, PDF_TRAILER)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] content, int start, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (content[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The file's own name without any path, control characters or excess length. */
    static String displayName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "document.pdf";
        }
        return name.length() > MAX_FILE_NAME_LENGTH ? name.substring(name.length() - MAX_FILE_NAME_LENGTH) : name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

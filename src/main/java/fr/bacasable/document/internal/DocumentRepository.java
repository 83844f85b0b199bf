package fr.bacasable.document.internal;

import fr.bacasable.document.DocumentInfo;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code document} table. */
@Repository
public class DocumentRepository {

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(DocumentInfo info, byte[] content) {
        jdbc.sql("INSERT INTO document (id, application_id, information_request_id, file_name, content_type, "
                        + "size_bytes, sha256, content, uploaded_at) VALUES (:id, :applicationId, :requestId, "
                        + ":fileName, 'application/pdf', :size, :sha256, :content, :uploadedAt)")
                .param("id", info.id())
                .param("applicationId", info.applicationId())
                .param("requestId", info.informationRequestId())
                .param("fileName", info.fileName())
                .param("size", info.sizeBytes())
                .param("sha256", info.sha256())
                .param("content", content)
                .param("uploadedAt", Timestamp.from(info.uploadedAt()))
                .update();
    }

    public List<DocumentInfo> findByApplication(String applicationId) {
        return jdbc.sql("SELECT id, application_id, information_request_id, file_name, size_bytes, sha256, "
                        + "uploaded_at FROM document WHERE application_id = :applicationId ORDER BY uploaded_at, file_name")
                .param("applicationId", applicationId)
                .query((rs, row) -> new DocumentInfo(rs.getString("id"), rs.getString("application_id"),
                        rs.getString("information_request_id"), rs.getString("file_name"), rs.getLong("size_bytes"),
                        rs.getString("sha256"), rs.getTimestamp("uploaded_at").toInstant()))
                .list();
    }

    public Optional<byte[]> content(String applicationId, String documentId) {
        return jdbc.sql("SELECT content FROM document WHERE id = :id AND application_id = :applicationId")
                .param("id", documentId)
                .param("applicationId", applicationId)
                .query((rs, row) -> rs.getBytes("content"))
                .optional();
    }
}

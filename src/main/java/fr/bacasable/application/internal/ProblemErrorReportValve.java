package fr.bacasable.application.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own error report, for what it refuses before the application sees the request (a
 * malformed request line, an invalid character in the address, headers too large, a framing
 * error): an RFC 7807 problem in French under {@code /api}, a French page elsewhere, and when the
 * address could not even be read, a problem too (browsers never send such requests).
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String path = request.getCoyoteRequest().requestURI().toString();
        boolean problem = path == null || path.isEmpty() || Refusals.isApi(path);
        Refusals.Wording wording = Refusals.wording(status);
        try {
            response.setContentType(problem ? "application/problem+json" : "text/html");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problem ? Refusals.problemJson(status, wording, null) : Refusals.page(wording));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not write the error report of a refused request", e);
        }
    }
}

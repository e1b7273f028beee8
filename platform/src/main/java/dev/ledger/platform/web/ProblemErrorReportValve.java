package dev.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own refusals as {@code application/problem+json} instead of its HTML page. Tomcat refuses some requests
 * before any filter or Spring runs (an encoded {@code /} or {@code \}, a NUL in the path, a malformed request line);
 * their body is written by the host's error report valve, which this one replaces. Anything the application wrote
 * itself is left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Installs this valve in place of Tomcat's (and Spring Boot's) on the host of the embedded server. */
    public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> installer() {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                // the host adds a valve of this class when it starts, and Tomcat's own only if this is not set
                standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            // the body is ASCII; no charset, as on every other problem the services write
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: there is nobody left to tell
        }
    }

    private static Map<String, Object> problem(int status) {
        Map<String, Object> problem = new LinkedHashMap<>();
        if (status == ErrorCode.MALFORMED_REQUEST.httpStatus()) {
            problem.put("type", ErrorCode.MALFORMED_REQUEST.typeUri());
            problem.put("title", "Malformed request");
            problem.put("status", status);
            problem.put("detail", "the request line or its path is malformed (an encoded '/' or '\\', a NUL, ...)");
            problem.put("code", ErrorCode.MALFORMED_REQUEST.name());
        } else {
            // the same stable type the services give Spring's own answers (CommonProblemHandler)
            HttpStatus known = HttpStatus.resolve(status);
            problem.put("type", "https://ledger.dev/problems/http-" + status);
            problem.put("title", known != null ? known.getReasonPhrase() : "Error");
            problem.put("status", status);
        }
        return problem;
    }
}

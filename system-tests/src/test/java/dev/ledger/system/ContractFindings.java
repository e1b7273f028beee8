package dev.ledger.system;

import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import dev.ledger.system.ContractCall.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the contract test found, every validation message of every call rather than the first failure, so one
 * run shows the whole distance between the services and their documents.
 */
final class ContractFindings {

    private final Set<String> findings = new LinkedHashSet<>();

    void add(String finding) {
        findings.add(finding);
    }

    /** The report's errors and warnings, each with its details and nested messages, under the exchange. */
    void add(Object where, Exchange exchange, ValidationReport report) {
        List<String> lines = new ArrayList<>();
        report.getMessages().stream()
              .filter(message -> message.getLevel() == Level.ERROR || message.getLevel() == Level.WARN)
              .forEach(message -> describe(message, "    ", lines));
        if (!lines.isEmpty()) {
            findings.add(where + ": " + exchange + "\n" + String.join("\n", lines));
        }
    }

    private static void describe(ValidationReport.Message message, String indent, List<String> lines) {
        lines.add(indent + "[" + message.getLevel() + "] " + message.getKey() + ": " + message.getMessage());
        message.getAdditionalInfo().forEach(info -> lines.add(indent + "    " + info));
        message.getNestedMessages().forEach(nested -> describe(nested, indent + "    ", lines));
    }

    boolean isEmpty() {
        return findings.isEmpty();
    }

    int size() {
        return findings.size();
    }

    @Override
    public String toString() {
        return findings.size() + " finding(s):\n\n" + String.join("\n\n", findings);
    }
}

// The ledger's own lint rules (../../main/openapi/.spectral.yaml) fire where they should and nowhere else: run by
// `npm test` beside the ruleset.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const rulesetDir = path.join(here, "../../main/openapi");

function lint(file) {
    const spectral = path.join(rulesetDir, "node_modules/.bin/spectral");
    const output = execFileSync(spectral, ["lint", "--quiet", "-f", "json", "--ruleset", ".spectral.yaml",
                                           "--fail-severity", "error", path.join(here, file)],
                                {cwd: rulesetDir, encoding: "utf8"});
    return JSON.parse(output).map(result => ({code: result.code, path: result.path.join(" ")}));
}

const results = lint("ruleset-fixture.yaml");

test("a complete operation, and an operator's POST without a key, pass the whole ruleset", () => {
    const clean = results.filter(r => r.path.startsWith("paths /accounts/{accountId}/deposits")
                                      || r.path.startsWith("paths /admin/replays"));
    assert.deepEqual(clean, []);
});

test("each of the ledger's rules fires once on the operation that breaks it", () => {
    const ours = results.filter(r => r.code.startsWith("ledger-")).map(r => `${r.code} @ ${r.path}`).sort();
    assert.deepEqual(ours, [
        "ledger-error-problem-json @ paths /refusals post responses 422 content",
        "ledger-idempotency-key @ paths /refusals post",
        "ledger-operation-security @ paths /refusals post security",
        "ledger-operation-summary @ paths /refusals post",
        "ledger-request-example @ paths /refusals post requestBody content application/json",
        "ledger-success-example @ paths /refusals post responses 202 content application/json",
    ]);
});

import { mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";

const schema = JSON.parse(readFileSync(path.join(ROOT, "schemas/report.schema.json"), "utf8")) as object;
const validate = new Ajv2020({ strict: false }).compile(schema);

describe("mlgate demo", () => {
  it("runs every gate on examples/ and writes valid reports", async () => {
    // Inside the repository (the workspace), as `npm run demo` runs it.
    const out = path.relative(ROOT, mkdtempSync(path.join(ROOT, ".tmp-demo-")));
    try {
      const r = await runCli(["demo", "--out", out, "--quiet"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const summary = r.stdout.split("\n").filter((l) => /^(data|model|onnx) /.test(l));
      expect(summary.map((l) => l.split(/\s+/).slice(0, 2))).toEqual([
        ["data", "1"],
        ["model", "0"],
        ["onnx", "0"],
      ]);
      for (const gate of ["data", "model", "onnx"]) {
        const report = JSON.parse(readFileSync(path.join(ROOT, out, `${gate}.json`), "utf8")) as {
          gate: string;
          subject: { sha256: string };
        };
        expect(validate(report), `${gate}: ${JSON.stringify(validate.errors)}`).toBe(true);
        expect(report.gate).toBe(gate);
        expect(report.subject.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(readFileSync(path.join(ROOT, out, `${gate}.md`), "utf8")).toMatch(new RegExp(`^## . mlgate/${gate} `));
      }
      // The demo ends by deploying the validated candidate through a canary to a registry mlgate serve serves.
      expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(
        /^Deployed the candidate as churn v1\.1\.0 through a canary \(25% -> 100%\) under \d+ requests; mlgate serve stopped\.$/,
      );
      const deploy = JSON.parse(readFileSync(path.join(ROOT, out, "deploy.json"), "utf8")) as {
        status: string;
        checks: { id: string; status: string; message?: string }[];
      };
      expect(validate(deploy), JSON.stringify(validate.errors)).toBe(true);
      expect(deploy.status).toBe("pass");
      expect(deploy.checks.find((c) => c.id === "rollout.parity")?.message).toMatch(/ on the ONNX gate's test data; /);
      expect(deploy.checks.filter((c) => c.id.startsWith("rollout.")).map((c) => `${c.id}:${c.status}`)).toEqual([
        "rollout.lock:pass",
        "rollout.stage:pass",
        "rollout.parity:pass",
        "rollout.step.1:pass",
        "rollout.promote:pass",
      ]);
      // The planted problems of the example are what the data gate reports.
      const data = JSON.parse(readFileSync(path.join(ROOT, out, "data.json"), "utf8")) as {
        checks: { id: string; status: string; examples?: { line: number }[] }[];
      };
      const failed = data.checks.filter((c) => c.status === "fail").map((c) => c.id);
      expect(failed).toContain("rule.age.min");
      expect(data.checks.find((c) => c.id === "rule.age.min")?.examples?.[0]?.line).toBe(43);
      // One HTML page for the three gates, with the charts drawn and the failing rows listed.
      const html = readFileSync(path.join(ROOT, out, "index.html"), "utf8");
      expect(r.stdout).toContain(`open ${path.join(out, "index.html")} in a browser for the charts`);
      const figures = [...html.matchAll(/<figure id="([^"]+)"/g)].map((m) => m[1]);
      expect(figures).toEqual(["data-chart-1", "model-metric-ci", "model-slice-ci", "onnx-latency"]);
      expect(html).toContain('<tr class="check fail" data-check="rule.age.min">');
      expect(html).toContain('<td>rule.age.min</td><td class="num">43</td><td>-3</td>');
    } finally {
      const { rmSync } = await import("node:fs");
      rmSync(path.join(ROOT, out), { recursive: true, force: true });
    }
  }, 120_000);
});

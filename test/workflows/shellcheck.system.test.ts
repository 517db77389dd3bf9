import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";
import { actionFiles, stepsOf, workflowFiles } from "./files.js";

/** shellcheck (Debian package `shellcheck`, installed by .ci/run) over the plumbing and every bash `run:`. */
const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-shellcheck-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function shellcheck(files: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile("shellcheck", ["--shell=bash", "--format=gcc", ...files], (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === "ENOENT") {
        resolve({ code: -1, out: "shellcheck is not installed (apt-get install shellcheck)" });
        return;
      }
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe("shellcheck", () => {
  it("finds nothing in scripts/action/*.sh", async () => {
    const r = await shellcheck([path.join(ROOT, "scripts/action/deps.sh"), path.join(ROOT, "scripts/action/install.sh")]);
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("finds nothing in the example command: target scripts (workflows-examples/*.sh, test/fixtures/deploy/*.sh)", async () => {
    const scripts = [
      ...readdirSync(path.join(ROOT, "workflows-examples"))
        .filter((f) => f.endsWith(".sh"))
        .map((f) => path.join(ROOT, "workflows-examples", f)),
      path.join(ROOT, "test/fixtures/deploy/command-target.sh"),
    ];
    expect(scripts.map((f) => path.basename(f))).toContain("kserve-deploy.sh");
    // Each file's #! line names its shell (bash for the KServe example, sh for the fixture).
    const r = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile("shellcheck", ["--format=gcc", ...scripts], (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
      });
    });
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("finds nothing in the run: scripts of the actions and example workflows", async () => {
    const files: string[] = [];
    for (const rel of [...actionFiles(), ...workflowFiles()])
      stepsOf(rel).forEach(({ where, step }) => {
        if (step.run === undefined || (step.shell !== undefined && step.shell !== "bash")) return;
        const file = path.join(dir, `${where.replace(/[^A-Za-z0-9]+/g, "_")}.sh`);
        writeFileSync(file, `# ${where}\n${step.run}\n`);
        files.push(file);
      });
    expect(files.length).toBeGreaterThan(8);
    const r = await shellcheck(files);
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("reports what it should", async () => {
    const file = path.join(dir, "bad.sh");
    writeFileSync(file, 'echo $1\ncd "$x"\n');
    const r = await shellcheck([file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\.sh:1:6: note: Double quote to prevent globbing and word splitting\. \[SC2086\]/);
  });
});

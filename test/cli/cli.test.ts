import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import type { Command } from "../../src/cli/command.js";
import { ConfigurationError } from "../../src/core/errors.js";
import { makeReport, TOOL_VERSION, type CheckStatus } from "../../src/core/report.js";
import { runCli, runMain } from "../support/cli.js";

/** A command that exercises the CLI's contract without any gate: it judges what --status says. */
const probe: Command = {
  name: "probe",
  summary: "Test command: returns a report with the requested status.",
  usage: ["probe --status pass|warn|fail|usage|bug"],
  gate: "data",
  options: { status: { type: "string", valueName: "STATUS", description: "What to do." } },
  run: (ctx) => {
    const s = ctx.str("status");
    if (s === "usage") throw new ConfigurationError("--status usage: that is a user mistake");
    if (s === "bug") throw new TypeError("cannot read properties of undefined");
    const status = (s ?? "pass") as CheckStatus;
    return Promise.resolve(
      makeReport({ gate: "data", summary: `probe ${status}`, checks: [{ id: "rule.probe.status", title: "probe", status }] }),
    );
  },
};

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-cli-"));
  const r = await runMain(argv, { cwd, env, commands: [probe] });
  return { code: r.code, out: r.stdout, err: r.stderr, cwd };
}

describe("exit codes and messages (in process)", () => {
  it("0 on pass and on warnings, 1 on failure", async () => {
    expect((await run(["probe", "--status", "pass"])).code).toBe(0);
    expect((await run(["probe", "--status", "warn"])).code).toBe(0);
    const failed = await run(["probe", "--status", "fail"]);
    expect(failed.code).toBe(1);
    expect(failed.out.split("\n")[0]).toBe("✖ mlgate data failed: probe fail");
  });

  it("--fail-on warning turns warnings into failures; a bad value is exit 2", async () => {
    expect((await run(["probe", "--status", "warn", "--fail-on", "warning"])).code).toBe(1);
    const bad = await run(["probe", "--fail-on", "sometimes"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('mlgate probe: --fail-on must be "error" or "warning", not "sometimes"\n');
  });

  it("a ConfigurationError is one sentence on stderr and exit 2, and still leaves a JSON report", async () => {
    const r = await run(["probe", "--status", "usage", "--json", "out/report.json"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("mlgate probe: --status usage: that is a user mistake\n");
    expect(r.out).toBe("");
    const report = JSON.parse(readFileSync(path.join(r.cwd, "out/report.json"), "utf8")) as { status: string; error: string };
    expect(report.status).toBe("error");
    expect(report.error).toBe("--status usage: that is a user mistake");
  });

  it("an internal bug is exit 2 with 'internal error', and the stack only under --debug", async () => {
    const plain = await run(["probe", "--status", "bug"]);
    expect(plain.code).toBe(2);
    expect(plain.err).toContain("mlgate probe: internal error: cannot read properties of undefined\n");
    expect(plain.err).toContain("rerun with --debug");
    expect(plain.err).not.toMatch(/\n\s+at /);
    const debug = await run(["probe", "--status", "bug", "--debug"]);
    expect(debug.code).toBe(2);
    expect(debug.err).toMatch(/TypeError: cannot read properties of undefined\n\s+at /);
  });

  it("unknown flags suggest the closest one", async () => {
    const r = await run(["probe", "--stauts", "pass"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "mlgate probe: unknown flag --stauts for mlgate probe (did you mean --status?); see mlgate probe --help\n",
    );
  });

  it("a flag without its value", async () => {
    const r = await run(["probe", "--status"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("mlgate probe: --status needs a value; see mlgate probe --help\n");
  });

  it("an invalid config file is exit 2 with file:line: path", async () => {
    const { writeFileSync } = await import("node:fs");
    const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-cli-"));
    writeFileSync(path.join(cwd, "mlgate.yml"), "version: 1\ngates:\n  data:\n    drift: maybe\n");
    const stderr = new PassThrough();
    let err = "";
    stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await main(["probe"], { stdout: new PassThrough(), stderr, env: {}, cwd }, [probe]);
    expect(code).toBe(2);
    expect(err).toBe('mlgate probe: mlgate.yml:4: gates.data.drift must be one of: "warn", "fail", "off"\n');
  });

  it("inside GitHub Actions, paths outside the workspace are refused unless allowed", async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), "mlgate-cli-ws-"));
    const env = { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: ws };
    const r = await run(["probe", "--config", "/etc/hostname", "--no-publish"], env);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `mlgate probe: --config /etc/hostname: is outside the allowed folders (the workspace ${ws}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace\n`,
    );
    // Outside Actions there is no folder rule: the file is read (and is no YAML mapping).
    expect((await run(["probe", "--config", "/etc/hostname"])).err).not.toContain("outside");
  });

  it("--help for a command lists its flags and the exit codes", async () => {
    const r = await run(["probe", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Usage: mlgate probe --status pass|warn|fail|usage|bug");
    expect(r.out).toContain("--json FILE");
    expect(r.out).toContain("Exit codes: 0 passed (warnings allowed), 1 failed, 2 could not run (bad input).");
  });
});

describe("the built mlgate executable", () => {
  it("--version prints the package version", async () => {
    const r = await runCli(["--version"]);
    expect(r).toEqual({ code: 0, stdout: `${TOOL_VERSION}\n`, stderr: "" });
  });

  it("--help lists only real commands and exits 0; no arguments is a usage error", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mlgate <command> \[options\]/);
    expect(help.stdout).not.toContain("probe");
    const none = await runCli([]);
    expect(none.code).toBe(2);
  });

  it("an unknown command is exit 2 with one line", async () => {
    const r = await runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('mlgate: unknown command "frobnicate"; see mlgate --help\n');
  });
});

// Judging a fork's pull request in the trusted workflow_run job: the fork's files are data, the
// rules (config, contracts, reference data, baselines) and the code that judges come from the base.
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { Config } from "../core/config.js";
import { ConfigurationError } from "../core/errors.js";
import { isInside } from "../core/paths.js";
import { errorReport, type GateName, type Report } from "../core/report.js";

/** The one input of each gate that is the pull request's subject; every other input is a rule. */
export const SUBJECT_KEYS = { data: "data", model: "candidate", onnx: "model" } as const;
type JudgedGate = keyof typeof SUBJECT_KEYS;
const FLAG: Record<JudgedGate, string> = { data: "--data", model: "--candidate", onnx: "--model" };

export interface Judged {
  gate: GateName;
  report: Report;
}

/** Gates whose subject the base config names: the ones a fork's pull request is judged on. */
export function judgeableGates(config: Config): JudgedGate[] {
  return (Object.keys(SUBJECT_KEYS) as JudgedGate[]).filter((g) => {
    const settings = config.gates?.[g] as Record<string, unknown> | undefined;
    return typeof settings?.[SUBJECT_KEYS[g]] === "string";
  });
}

/**
 * Symbolic links in the checkout that lead out of it. Reading through one would judge a file the
 * pull request does not contain (the base's baseline, the runner's own files) and could put that
 * file's content into a public comment.
 */
export function linksLeadingOut(dir: string): string[] {
  const root = realpathSync(dir);
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) {
        const target = path.resolve(d, readlinkSync(p));
        let real = target;
        try {
          real = realpathSync(target);
        } catch {
          // A dangling link leads nowhere readable; where it points still decides.
        }
        if (!isInside(real, root)) out.push(`${path.relative(root, p)} -> ${readlinkSync(p)}`);
      } else if (e.isDirectory() && e.name !== ".git") walk(p);
    }
  };
  walk(root);
  return out.sort();
}

export interface JudgeOptions {
  /** The pull request's files, checked out as data (inside the workspace). */
  prDir: string;
  /** The base branch's config file (already vetted), or undefined for the default file in cwd. */
  configFile?: string;
  config: Config;
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: (m: string) => void;
}

const sink = (): Writable =>
  new Writable({
    write(_c, _e, done) {
      done();
    },
  });

/**
 * Runs every configured gate on the pull request's files with this (the base repository's) mlgate:
 * `--data`/`--candidate`/`--model` point into the checkout, everything else comes from the base
 * config, resolved in the base checkout. Nothing from the pull request runs.
 */
export async function judgePullRequest(o: JudgeOptions): Promise<Judged[]> {
  const gates = judgeableGates(o.config);
  if (gates.length === 0) return [];
  const escaping = linksLeadingOut(o.prDir);
  if (escaping.length > 0) {
    const why = `the pull request has a symbolic link leading out of its own files (${escaping.slice(0, 3).join(", ")}); mlgate does not judge a pull request through it`;
    return gates.map((gate) => ({ gate, report: errorReport(gate, why) }));
  }
  // Loaded here, not at the top: cli.js imports the command list, which imports publish.
  const { main } = await import("../cli.js");
  const tmp = mkdtempSync(path.join(o.env.RUNNER_TEMP || os.tmpdir(), "mlgate-judge-"));
  // The gates must not publish or write this step's outputs and summary: publish does that once.
  const env = { ...o.env };
  delete env.GITHUB_OUTPUT;
  delete env.GITHUB_STEP_SUMMARY;
  const out: Judged[] = [];
  for (const gate of gates) {
    const settings = o.config.gates?.[gate] as Record<string, unknown>;
    const subject = String(settings[SUBJECT_KEYS[gate]]);
    const inPr = path.resolve(o.prDir, subject);
    if (path.isAbsolute(subject) || !isInside(inPr, path.resolve(o.prDir))) {
      out.push({
        gate,
        report: errorReport(
          gate,
          `gates.${gate}.${SUBJECT_KEYS[gate]}: "${subject}" is not a path inside the repository, so the pull request's copy cannot be judged`,
        ),
      });
      continue;
    }
    const json = path.join(tmp, `${gate}.json`);
    const args = [gate, FLAG[gate], path.relative(o.cwd, inPr) || ".", "--no-publish", "--quiet", "--json", json];
    if (o.configFile) args.push("--config", o.configFile);
    // "No worse than the base branch": the model at the same path in the base checkout.
    if (gate === "model" && settings.baseline === undefined)
      args.push("--baseline", existsSync(path.resolve(o.cwd, subject)) ? subject : "none");
    o.log(`judging the pull request's ${subject} with mlgate ${args.slice(0, 1).join(" ")} and the base branch's rules`);
    const stderr: string[] = [];
    const errors = new Writable({
      write(chunk: Buffer, _e, done) {
        stderr.push(chunk.toString());
        done();
      },
    });
    const code = await main(args, { stdout: sink(), stderr: errors, env, cwd: o.cwd });
    let report: Report | undefined;
    try {
      report = JSON.parse(readFileSync(json, "utf8")) as Report;
    } catch {
      report = undefined;
    }
    if (!report) throw new Error(`mlgate ${gate} exited ${code} without writing its report: ${stderr.join("").trim()}`);
    out.push({ gate, report });
  }
  return out;
}

/** The --pr-checkout folder: it must exist and hold the files, not be the workspace itself. */
export function checkPrCheckout(dir: string, cwd: string, shown = dir): void {
  if (!existsSync(dir) || !lstatSync(dir).isDirectory())
    throw new ConfigurationError(`--pr-checkout ${shown}: is not a folder; check out the pull request's head there first`);
  if (path.resolve(dir) === path.resolve(cwd))
    throw new ConfigurationError(
      `--pr-checkout ${shown}: is the workspace itself; check out the pull request into a folder of its own (the workspace holds the base branch and its rules)`,
    );
}

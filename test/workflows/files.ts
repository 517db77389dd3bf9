import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ROOT } from "../support/cli.js";

/** Every action.yml under actions/ and every example workflow, relative to the repository root. */
export function actionFiles(): string[] {
  return readdirSync(path.join(ROOT, "actions"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `actions/${d.name}/action.yml`)
    .sort();
}

/** The copy-paste examples, then this repository's own workflows: the same rules hold for both. */
export function workflowFiles(): string[] {
  const inFolder = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => `${dir}/${f}`)
      .sort();
  return [...inFolder("workflows-examples"), ...inFolder(".github/workflows")];
}

export function read(rel: string): string {
  return readFileSync(path.join(ROOT, rel), "utf8");
}

export interface Step {
  id?: string;
  name?: string;
  if?: string;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

/** The steps of an action.yml or of every job of a workflow, with where they came from. */
export function stepsOf(rel: string, text = read(rel)): { where: string; step: Step }[] {
  const doc = parse(text) as { runs?: { steps?: Step[] }; jobs?: Record<string, { steps?: Step[] }> };
  const out: { where: string; step: Step }[] = [];
  (doc.runs?.steps ?? []).forEach((step, i) => out.push({ where: `${rel} step ${i + 1}`, step }));
  for (const [job, def] of Object.entries(doc.jobs ?? {}))
    (def.steps ?? []).forEach((step, i) => out.push({ where: `${rel} job ${job} step ${i + 1}`, step }));
  return out;
}

/** `${{ inputs.` and `${{ github.event` inside a script turn data into shell code. */
export function injectionFindings(rel: string, text?: string): string[] {
  const bad = /\$\{\{\s*(inputs\.|github\.event)/;
  return stepsOf(rel, text)
    .filter(({ step }) => typeof step.run === "string" && bad.test(step.run))
    .map(
      ({ where, step }) =>
        `${where}: ${
          (step.run ?? "")
            .split("\n")
            .find((l) => bad.test(l))
            ?.trim() ?? ""
        }`,
    );
}

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDuckDB, sqlString } from "../../src/core/duckdb.js";
import { ROOT } from "../support/cli.js";

/**
 * The user's repository the README's examples run in, made from examples/ (docs/readme-examples.md
 * lists what is where). A git repository: `main` holds the production model at models/churn.onnx, the
 * checked-out `feature` branch the candidate, so `git:main:models/churn.onnx` and the pull request's
 * default baseline both work. README blocks marked `save=PATH` are files of this repository.
 */
export interface SampleRepo {
  /** A fresh copy for one example: examples never see each other's files. */
  copy(): string;
  baseSha: string;
  headSha: string;
  dispose(): void;
}

const EX = path.join(ROOT, "examples");

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=mlgate", "-c", "user.email=mlgate@example.com", "-c", "commit.gpgsign=false", ...args],
    {
      cwd,
      encoding: "utf8",
    },
  ).trim();
}

export async function makeSampleRepo(saved: { path: string; text: string }[]): Promise<SampleRepo> {
  const base = mkdtempSync(path.join(os.tmpdir(), "mlgate-readme-sample-"));
  const dir = path.join(base, "repo");
  const put = (from: string, to: string): void => {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    cpSync(path.join(EX, from), path.join(dir, to), { recursive: true });
  };
  cpSync(EX, path.join(dir, "examples"), { recursive: true });
  put("data/current.csv", "data/current.csv");
  put("data/reference.csv", "data/reference.csv");
  put("eval/churn-eval.csv", "data/eval.csv");
  put("contracts/churn.yml", "contracts/churn.yml");
  put("models/baseline.onnx", "models/baseline.onnx");
  put("models/baseline.onnx", "production/model.onnx");
  put("models/baseline.onnx", "models/churn.onnx");
  for (const set of readdirSync(path.join(EX, "onnx-test-data")).filter((d) => d.startsWith("test_data_set_")))
    put(`onnx-test-data/${set}`, `models/test_data/${set}`);
  mkdirSync(path.join(dir, "lake/events"), { recursive: true });
  // An empty model registry, as `mlgate serve --registry` and the deploy gate's registry: target use.
  mkdirSync(path.join(dir, "registry"), { recursive: true });
  const db = await openDuckDB({ threads: 1, reads: "unrestricted" });
  try {
    for (const [from, to] of [
      ["data/eval.csv", "data/eval.parquet"],
      ["data/current.csv", "lake/events/part-0.parquet"],
    ] as const)
      await db.connection.run(
        `COPY (SELECT * FROM read_csv(${sqlString(path.join(dir, from))})) TO ${sqlString(path.join(dir, to))} (FORMAT parquet)`,
      );
  } finally {
    db.close();
  }
  for (const f of saved) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.text);
  }
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "production model");
  const baseSha = git(dir, "rev-parse", "HEAD");
  git(dir, "checkout", "-q", "-b", "feature");
  put("models/candidate.onnx", "models/churn.onnx");
  git(dir, "commit", "-qam", "retrained model");
  const headSha = git(dir, "rev-parse", "HEAD");
  const copies: string[] = [];
  return {
    baseSha,
    headSha,
    copy: () => {
      const to = path.join(base, `example-${copies.length}`);
      cpSync(dir, to, { recursive: true });
      copies.push(to);
      return to;
    },
    dispose: () => {
      rmSync(base, { recursive: true, force: true });
    },
  };
}

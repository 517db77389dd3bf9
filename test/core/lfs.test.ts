import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertNotLfsPointer, isLfsPointer } from "../../src/core/lfs.js";
import { ROOT, runCli } from "../support/cli.js";

/** A pointer exactly as `git lfs` writes it in place of a file it stores. */
const POINTER = [
  "version https://git-lfs.github.com/spec/v1",
  "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393",
  "size 2847123",
  "",
].join("\n");

const FIX = "is a Git LFS pointer; check out with `lfs: true` (actions/checkout) or run `git lfs pull`";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-lfs-"));
  cpSync(path.join(ROOT, "examples"), path.join(dir, "examples"), { recursive: true });
  mkdirSync(path.join(dir, "lfs"));
  for (const f of ["current.csv", "reference.csv", "eval.csv", "model.onnx"]) writeFileSync(path.join(dir, "lfs", f), POINTER);
  cpSync(path.join(dir, "examples/onnx-test-data"), path.join(dir, "lfs/test-data"), { recursive: true });
  writeFileSync(path.join(dir, "lfs/test-data/test_data_set_1/output_0.pb"), POINTER);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("isLfsPointer", () => {
  it("knows a pointer, and nothing else, by its first line, its oid and its size", () => {
    expect(isLfsPointer(Buffer.from(POINTER))).toBe(true);
    expect(isLfsPointer(Buffer.from(POINTER.replace(/\n/g, "\r\n")))).toBe(true);
    expect(isLfsPointer(Buffer.from(POINTER.replace("git-lfs", "hawser")))).toBe(true);
    // A CSV that quotes a pointer's first line, a pointer without its oid, one padded past 1024 bytes.
    expect(isLfsPointer(Buffer.from(`a,b\n${POINTER}`))).toBe(false);
    expect(isLfsPointer(Buffer.from("version https://git-lfs.github.com/spec/v1\nsize 12\n"))).toBe(false);
    expect(isLfsPointer(Buffer.from(POINTER + "x".repeat(1024)))).toBe(false);
  });

  it("reads only the head of a file and throws the one sentence", () => {
    const f = path.join(dir, "lfs", "model.onnx");
    expect(() => {
      assertNotLfsPointer(f, "--model lfs/model.onnx");
    }).toThrow(`--model lfs/model.onnx ${FIX}`);
    expect(() => {
      assertNotLfsPointer(path.join(dir, "examples/models/candidate.onnx"), "--model m");
    }).not.toThrow();
  });
});

/** The bundled CLI in the copy of examples/: exit 2 and the sentence, nothing on stdout. */
async function refused(args: string[]): Promise<string> {
  const r = await runCli(args, { cwd: dir });
  expect(r.stdout).toBe("");
  expect(r.code).toBe(2);
  return r.stderr;
}

const model = [
  "model",
  "--label",
  "churned",
  "--task",
  "binary",
  "--features",
  "age,income,tenure_months,monthly_charges,support_calls,num_products,annual_contract",
];

describe("every gate refuses a Git LFS pointer where data or a model belongs", () => {
  it("data gate: --data and --reference", async () => {
    expect(await refused(["data", "--data", "lfs/current.csv"])).toBe(`mlgate data: --data lfs/current.csv ${FIX}\n`);
    expect(await refused(["data", "--data", "examples/data/current.csv", "--reference", "lfs/reference.csv"])).toBe(
      `mlgate data: --reference lfs/reference.csv ${FIX}\n`,
    );
    expect(await refused(["data", "infer", "--data", "lfs/reference.csv", "--out", "schema.yml"])).toBe(
      `mlgate data infer: --data lfs/reference.csv ${FIX}\n`,
    );
  });

  it("model gate: --candidate, --data, --baseline", async () => {
    const data = ["--data", "examples/eval/churn-eval.csv"];
    const cand = ["--candidate", "examples/models/candidate.onnx"];
    const base = ["--baseline", "examples/models/baseline.onnx"];
    expect(await refused([...model, "--candidate", "lfs/model.onnx", ...base, ...data])).toBe(
      `mlgate model: --candidate lfs/model.onnx ${FIX}\n`,
    );
    expect(await refused([...model, ...cand, ...base, "--data", "lfs/eval.csv"])).toBe(
      `mlgate model: --data lfs/eval.csv ${FIX}\n`,
    );
    expect(await refused([...model, ...cand, "--baseline", "lfs/model.onnx", ...data])).toBe(
      `mlgate model: --baseline lfs/model.onnx ${FIX}\n`,
    );
  });

  it("model gate: a baseline read from git that is a pointer (no git-lfs to smudge it)", async () => {
    const repo = path.join(dir, "repo");
    mkdirSync(path.join(repo, "models"), { recursive: true });
    const git = (...a: string[]): string =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@e", ...a], { cwd: repo, encoding: "utf8" }).trim();
    git("init", "-q");
    writeFileSync(path.join(repo, "models/churn.onnx"), POINTER);
    git("add", ".");
    git("commit", "-q", "-m", "model in LFS");
    const sha = git("rev-parse", "HEAD");
    cpSync(path.join(dir, "examples/models/candidate.onnx"), path.join(repo, "models/churn.onnx"));
    cpSync(path.join(dir, "examples/eval/churn-eval.csv"), path.join(repo, "eval.csv"));
    writeFileSync(path.join(repo, "event.json"), JSON.stringify({ pull_request: { base: { sha } } }));
    const args = [...model, "--candidate", "models/churn.onnx", "--data", "eval.csv"];
    const r = await runCli(args, { cwd: repo, env: { GITHUB_EVENT_PATH: path.join(repo, "event.json") } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mlgate model: --baseline git:${sha}:models/churn.onnx ${FIX}\n`);
    const explicit = await runCli([...args, "--baseline", "git:HEAD:models/churn.onnx"], { cwd: repo });
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toBe(`mlgate model: --baseline git:HEAD:models/churn.onnx ${FIX}\n`);
  });

  it("onnx gate: --model, --baseline and a --test-data tensor", async () => {
    expect(await refused(["onnx", "--model", "lfs/model.onnx"])).toBe(`mlgate onnx: --model lfs/model.onnx ${FIX}\n`);
    expect(await refused(["onnx", "--model", "examples/models/candidate.onnx", "--baseline", "lfs/model.onnx"])).toBe(
      `mlgate onnx: --baseline lfs/model.onnx ${FIX}\n`,
    );
    expect(await refused(["onnx", "--model", "examples/models/candidate.onnx", "--test-data", "lfs/test-data"])).toBe(
      `mlgate onnx: --test-data ${path.join("lfs/test-data/test_data_set_1/output_0.pb")} ${FIX}\n`,
    );
  });
});

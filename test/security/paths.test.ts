/**
 * Issue 11 and issue 16 point 3: every file a gate reads is resolved by real path and, inside GitHub
 * Actions, must stay in the workspace, $RUNNER_TEMP or an --allow-path folder. A pull request that
 * plants a symbolic link to /etc/passwd (or names an outside file) gets exit 2, one sentence, no file
 * written, and nothing of the outside file in any output.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDuckDB } from "../../src/core/duckdb.js";
import { fixedMlp, tensorPb, withExternalData } from "../onnx/models.js";
import { binaryData, logisticModel, TRUE_WEIGHTS, writeCsv, writeModel } from "../model/fixtures.js";
import { runCli } from "../support/cli.js";

const PASSWD = "/etc/passwd";
const FEATURES = "x0,x1,x2,x3,x4,seg,z";
let ws: string;
let outside: string;
let runnerTemp: string;

/** The Actions rule: GITHUB_ACTIONS=true, the workspace, no publishing (no GitHub API here). */
function actions(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: ws, ...extra };
}

function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/")).sort();
}

beforeAll(async () => {
  ws = mkdtempSync(path.join(os.tmpdir(), "mlgate-ws-"));
  outside = mkdtempSync(path.join(os.tmpdir(), "mlgate-outside-"));
  runnerTemp = mkdtempSync(path.join(os.tmpdir(), "mlgate-runner-temp-"));
  const csv = "id,city\n1,Oslo\n2,Lima\n3,Pune\n";
  writeFileSync(path.join(ws, "good.csv"), csv);
  writeFileSync(path.join(ws, "..weird.csv"), csv);
  writeFileSync(path.join(outside, "good.csv"), csv);
  writeFileSync(path.join(runnerTemp, "good.csv"), csv);
  symlinkSync("good.csv", path.join(ws, "inner-link.csv"));
  for (const name of ["data.csv", "ref.csv", "contract.yml", "link.yml", "eval.csv"]) symlinkSync(PASSWD, path.join(ws, name));
  // Models: valid ones in the workspace, and valid ones outside that links point at.
  writeCsv(path.join(ws, "real-eval.csv"), binaryData(300, 60, 7, TRUE_WEIGHTS));
  writeModel(path.join(ws, "baseline.onnx"), logisticModel(TRUE_WEIGHTS.map((w) => w + 0.3)));
  writeModel(path.join(ws, "candidate.onnx"), logisticModel(TRUE_WEIGHTS));
  writeModel(path.join(outside, "model.onnx"), logisticModel(TRUE_WEIGHTS));
  symlinkSync(path.join(outside, "model.onnx"), path.join(ws, "cand-link.onnx"));
  symlinkSync(path.join(outside, "model.onnx"), path.join(ws, "base-link.onnx"));
  // ONNX: a model whose external data is a link to /etc/passwd, and test data linked out.
  const ext = withExternalData(fixedMlp(), "W0", "weights.bin");
  mkdirSync(path.join(ws, "ext"));
  writeFileSync(path.join(ws, "ext", "model.onnx"), ext.model);
  symlinkSync(PASSWD, path.join(ws, "ext", "weights.bin"));
  writeFileSync(path.join(ws, "mlp.onnx"), fixedMlp());
  writeFileSync(path.join(outside, "mlp.onnx"), fixedMlp());
  symlinkSync(path.join(outside, "mlp.onnx"), path.join(ws, "mlp-link.onnx"));
  const set = (dir: string) => {
    mkdirSync(path.join(dir, "test_data_set_0"), { recursive: true });
    writeFileSync(path.join(dir, "test_data_set_0", "input_0.pb"), tensorPb("input", [1, 4], [1, 2, 3, 4]));
    writeFileSync(path.join(dir, "test_data_set_0", "output_0.pb"), tensorPb("output", [1, 1], [0.5]));
  };
  set(path.join(outside, "td"));
  symlinkSync(path.join(outside, "td"), path.join(ws, "td-link"));
  mkdirSync(path.join(ws, "td-file", "test_data_set_0"), { recursive: true });
  symlinkSync(PASSWD, path.join(ws, "td-file", "test_data_set_0", "input_0.pb"));
  writeFileSync(path.join(ws, "td-file", "test_data_set_0", "output_0.pb"), tensorPb("output", [1, 1], [0.5]));
  // A Parquet dataset folder with one member linked out: DuckDB's own sandbox refuses that member.
  mkdirSync(path.join(ws, "ds"));
  const db = await openDuckDB({ reads: "unrestricted" });
  await db.connection.run(`COPY (SELECT 1 AS id, 'Oslo' AS city) TO '${path.join(ws, "ds", "a.parquet")}' (FORMAT parquet)`);
  await db.connection.run(`COPY (SELECT 2 AS id, 'Lima' AS city) TO '${path.join(outside, "b.parquet")}' (FORMAT parquet)`);
  db.close();
  symlinkSync(path.join(outside, "b.parquet"), path.join(ws, "ds", "b.parquet"));
  // Contracts naming a json_schema outside.
  writeFileSync(path.join(ws, "up.yml"), `version: 1\njson_schema: ${up()}\n`);
  writeFileSync(path.join(ws, "abs.yml"), "version: 1\njson_schema: /etc/hostname\n");
  symlinkSync(PASSWD, path.join(ws, "schema.json"));
  writeFileSync(path.join(ws, "linked-schema.yml"), "version: 1\njson_schema: schema.json\n");
  writeFileSync(path.join(ws, "records.jsonl"), '{"id": 1}\n{"id": 2}\n');
});

afterAll(() => {
  for (const d of [ws, outside, runnerTemp]) rmSync(d, { recursive: true, force: true });
});

/** A run that must be refused: exit 2, exactly `sentence`, only the error report written, no trace of the outside file. */
async function refused(args: string[], sentence: string, env: NodeJS.ProcessEnv = actions()) {
  const before = tree(ws);
  const r = await runCli([...args, "--no-publish"], { cwd: ws, env });
  const written = tree(ws).filter((f) => !before.includes(f));
  const gate = args[0] ?? "";
  const report = path.join(ws, "mlgate-report", `${gate}.json`);
  const json = existsSync(report) ? readFileSync(report, "utf8") : "";
  rmSync(path.join(ws, "mlgate-report"), { recursive: true, force: true });
  expect(r.stderr).toBe(`mlgate ${gate}: ${sentence}\n`);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(written.filter((f) => !f.startsWith("mlgate-report"))).toEqual([]);
  expect(JSON.parse(json)).toMatchObject({ status: "error", error: sentence });
  for (const text of [r.stdout, r.stderr, json]) {
    expect(text).not.toContain("root:");
    expect(text).not.toContain("/bin/");
  }
}

const RULE = () =>
  `outside the allowed folders (the workspace ${ws}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace`;
/** /etc/passwd relative to the workspace, however deep the test run's temp folder is. */
const up = () => path.relative(ws, PASSWD);
const LINKED = (target: string) => `resolves to ${target}, which is ${RULE()}`;
const MODEL = ["--label", "y", "--task", "binary", "--features", FEATURES];

describe("inside GitHub Actions, inputs are read by real path from the allowed folders only", () => {
  it("data, reference and contract links to /etc/passwd", async () => {
    await refused(["data", "--data", "data.csv"], `--data data.csv: ${LINKED(PASSWD)}`);
    await refused(["data", "--data", "good.csv", "--reference", "ref.csv"], `--reference ref.csv: ${LINKED(PASSWD)}`);
    await refused(["data", "--data", "good.csv", "--schema", "contract.yml"], `--schema contract.yml: ${LINKED(PASSWD)}`);
  });

  it("a json_schema outside, named or linked", async () => {
    await refused(["data", "--data", "records.jsonl", "--schema", "up.yml"], `up.yml:2: json_schema ${up()}: is ${RULE()}`);
    await refused(
      ["data", "--data", "records.jsonl", "--schema", "abs.yml"],
      `abs.yml:2: json_schema /etc/hostname: is ${RULE()}`,
    );
    await refused(
      ["data", "--data", "records.jsonl", "--schema", "linked-schema.yml"],
      `linked-schema.yml:2: json_schema schema.json: ${LINKED(PASSWD)}`,
    );
  });

  it("the config, named or found by default", async () => {
    await refused(["data", "--data", "good.csv", "--config", "link.yml"], `--config link.yml: ${LINKED(PASSWD)}`);
    symlinkSync(PASSWD, path.join(ws, "mlgate.yml"));
    try {
      await refused(["data", "--data", "good.csv"], `the config mlgate.yml: ${LINKED(PASSWD)}`);
    } finally {
      rmSync(path.join(ws, "mlgate.yml"));
    }
  });

  it("candidate, baseline and evaluation data of the model gate", async () => {
    const real = path.join(outside, "model.onnx");
    await refused(
      ["model", "--candidate", "cand-link.onnx", "--baseline", "baseline.onnx", "--data", "real-eval.csv", ...MODEL],
      `--candidate cand-link.onnx: ${LINKED(real)}`,
    );
    await refused(
      ["model", "--candidate", "candidate.onnx", "--baseline", "base-link.onnx", "--data", "real-eval.csv", ...MODEL],
      `--baseline base-link.onnx: ${LINKED(real)}`,
    );
    await refused(
      ["model", "--candidate", "candidate.onnx", "--baseline", "baseline.onnx", "--data", "eval.csv", ...MODEL],
      `--data eval.csv: ${LINKED(PASSWD)}`,
    );
    // The helper thread (started from the flags, before the config) checks the same way.
    await refused(
      ["model", "--candidate", "candidate.onnx", "--baseline", "baseline.onnx", "--data", "eval.csv", ...MODEL],
      `--data eval.csv: ${LINKED(PASSWD)}`,
      actions({ MLGATE_METRICS_WORKER: "1" }),
    );
  });

  it("an ONNX model, its external data, a test-data folder and a file inside one", async () => {
    await refused(["onnx", "--model", "mlp-link.onnx"], `--model mlp-link.onnx: ${LINKED(path.join(outside, "mlp.onnx"))}`);
    await refused(
      ["onnx", "--model", "ext/model.onnx"],
      `ext/model.onnx: external data file "weights.bin": resolves to ${PASSWD}, outside the model's folder; refusing to read it`,
    );
    await refused(
      ["onnx", "--model", "mlp.onnx", "--test-data", "td-link"],
      `--test-data td-link: ${LINKED(path.join(outside, "td"))}`,
    );
    await refused(
      ["onnx", "--model", "mlp.onnx", "--test-data", "td-file"],
      `td-file/test_data_set_0/input_0.pb: resolves to ${PASSWD}, outside td-file; refusing to read it`,
    );
  });

  it("a member of a Parquet dataset folder linked out is refused by DuckDB's own sandbox", async () => {
    const before = tree(ws);
    const r = await runCli(["data", "--data", "ds", "--no-publish", "--quiet"], { cwd: ws, env: actions() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      // The file as the user named the folder, not its absolute path.
      `mlgate data: ds: cannot be read as Parquet (Cannot access file "${path.join("ds", "b.parquet")}" - file system operations are disabled by configuration)\n`,
    );
    expect(tree(ws).filter((f) => !before.includes(f) && !f.startsWith("mlgate-report"))).toEqual([]);
    rmSync(path.join(ws, "mlgate-report"), { recursive: true, force: true });
  });

  it("the allowed folders: the workspace (names starting with '..' too), links inside it, $RUNNER_TEMP, --allow-path", async () => {
    const ok = async (args: string[], env: NodeJS.ProcessEnv) => {
      const r = await runCli([...args, "--no-publish", "--quiet"], { cwd: ws, env });
      rmSync(path.join(ws, "mlgate-report"), { recursive: true, force: true });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    };
    await ok(["data", "--data", "..weird.csv"], actions());
    await ok(["data", "--data", "inner-link.csv"], actions());
    await ok(["data", "--data", path.join(runnerTemp, "good.csv")], actions({ RUNNER_TEMP: runnerTemp }));
    await ok(["data", "--data", path.join(outside, "good.csv"), "--allow-path", outside], actions());
    await ok(["data", "--data", path.join(outside, "good.csv"), "--allow-outside-workspace"], actions());
    await refused(
      ["data", "--data", path.join(outside, "good.csv")],
      `--data ${path.join(outside, "good.csv")}: is outside the allowed folders (the workspace ${ws}, $RUNNER_TEMP ${runnerTemp}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace`,
      actions({ RUNNER_TEMP: runnerTemp }),
    );
  });
});

describe("outside GitHub Actions, the machine is the user's own", () => {
  it("a file in another folder is read", async () => {
    const r = await runCli(["data", "--data", path.join(outside, "good.csv"), "--quiet"], { cwd: ws });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pass: /);
  });

  it("a json_schema that is not JSON is named without quoting it", async () => {
    await refused(
      ["data", "--data", "records.jsonl", "--schema", "up.yml", "--json", "mlgate-report/data.json"],
      `up.yml:2: json_schema ${up()} is not valid JSON`,
      {},
    );
  });
});

describe("FIFOs, sockets and devices are refused as inputs", () => {
  it.skipIf(process.platform === "win32")("a named pipe given as data", async () => {
    execFileSync("mkfifo", [path.join(ws, "pipe.csv")]);
    try {
      await refused(["data", "--data", "pipe.csv"], "--data pipe.csv: is a named pipe (FIFO), not a regular file or folder");
      await refused(
        ["data", "--data", "pipe.csv", "--json", "mlgate-report/data.json"],
        "--data pipe.csv: is a named pipe (FIFO), not a regular file or folder",
        {},
      );
    } finally {
      rmSync(path.join(ws, "pipe.csv"));
    }
  });

  it("a character device given as a model", async () => {
    await refused(
      ["onnx", "--model", "/dev/zero", "--allow-outside-workspace"],
      "--model /dev/zero: is a character device, not a regular file or folder",
    );
  });
});

describe("a config cannot make git write files", () => {
  it("a baseline ref that looks like an option is not one", async () => {
    const git = (...a: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@e", ...a], { cwd: ws, stdio: "pipe" });
    git("init", "-q");
    git("add", "candidate.onnx");
    git("commit", "-qm", "model");
    try {
      await refused(
        [
          "model",
          "--candidate",
          "candidate.onnx",
          "--baseline",
          "git:--output=evil.sh:candidate.onnx",
          "--data",
          "real-eval.csv",
          ...MODEL,
        ],
        '--baseline git:--output=evil.sh:candidate.onnx: the ref starts with "-"; name a branch, tag or commit',
      );
      expect(existsSync(path.join(ws, "evil.sh:candidate.onnx"))).toBe(false);
    } finally {
      rmSync(path.join(ws, ".git"), { recursive: true, force: true });
    }
  });
});

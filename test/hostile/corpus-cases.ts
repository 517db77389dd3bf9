/**
 * The hostile corpus (issue 17): one row per case, run by corpus.test.ts through corpus-run.ts. The
 * files live in test/fixtures/hostile/<area>/; the large ones are written into the case's workspace
 * by the committed generate.mjs of their area. Messages are exact: exit 2 is the whole of stderr,
 * exit 0/1 the --quiet verdict on stdout.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeReport } from "../deploy/support.js";
// @ts-expect-error: a plain script, no types
import { generate as generateConfig } from "../fixtures/hostile/config/generate.mjs";
// @ts-expect-error: a plain script, no types
import { generate as generateData } from "../fixtures/hostile/data/generate.mjs";
// @ts-expect-error: a plain script, no types
import { generate as generateBodies } from "../fixtures/hostile/serve/generate.mjs";
import { CORPUS, mkfifo, SENTINEL, type CorpusCase, type Sandbox } from "./corpus-run.js";

const genData = generateData as (dir: string, names: string[]) => Record<string, string>;
const genBodies = generateBodies as (dir: string, names: string[]) => void;
/** One generated config case, copied into the workspace (config/generate.mjs writes them all at once). */
function genConfig(s: Sandbox, name: string): void {
  const dir = path.join(s.meta, "config-cases");
  (generateConfig as (dir: string) => string)(dir);
  copyFileSync(path.join(dir, name), path.join(s.ws, name));
}

const link = (target: string, name: string) => (s: Sandbox) => {
  symlinkSync(target.replace("{outside}", s.outside), path.join(s.ws, name));
};

const data = (file: string, ...extra: string[]): string[] => [
  "data",
  "--data",
  file,
  "--json",
  "reports/data.json",
  "--quiet",
  ...extra,
];
const model = (candidate: string, evalFile: string, ...extra: string[]): string[] => [
  "model",
  "--candidate",
  candidate,
  "--baseline",
  "none",
  "--data",
  evalFile,
  "--label",
  "churned",
  "--task",
  "binary",
  "--features",
  "age,income,tenure_months,monthly_charges,support_calls,num_products,annual_contract",
  "--json",
  "reports/model.json",
  "--quiet",
  ...extra,
];
const onnx = (file: string, ...extra: string[]): string[] => [
  "onnx",
  "--model",
  file,
  "--json",
  "reports/onnx.json",
  "--quiet",
  ...extra,
];
const CANDIDATE = "../../../examples/models/candidate.onnx";
const EVAL = "model/eval-ok.csv";

/** Green model and onnx reports for ws/model.onnx in ws/evidence/: what a deploy verifies against. */
function evidence(s: Sandbox): void {
  const sha = createHash("sha256")
    .update(readFileSync(path.join(s.ws, "model.onnx")))
    .digest("hex");
  writeReport(path.join(s.ws, "evidence"), "model", "pass", [{ path: "model.onnx", sha256: sha, role: "candidate" }]);
  writeReport(path.join(s.ws, "evidence"), "onnx", "pass", [{ path: "model.onnx", sha256: sha, role: "candidate" }]);
}
const deploy = (...extra: string[]): string[] => [
  "deploy",
  "--model",
  "model.onnx",
  "--environment",
  "production",
  "--target",
  "registry:registry",
  "--reports",
  "evidence",
  "--version",
  "v2",
  "--json",
  "reports/deploy.json",
  "--quiet",
  ...extra,
];
/** A registry at ws/registry whose production model has the corpus file `from` as `file`. */
const registryWith =
  (file: string, from: string) =>
  (s: Sandbox): void => {
    const dir = path.join(s.ws, "registry", "production", path.dirname(file));
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(CORPUS, from), path.join(s.ws, "registry", "production", file));
  };
const deployCase = (c: Omit<CorpusCase, "files" | "writes">): CorpusCase => ({
  ...c,
  files: { "model.onnx": CANDIDATE },
  writes: ["registry"],
  setup: (s) => {
    evidence(s);
    c.setup?.(s);
  },
});

const serve = ["serve", "--model", "model.onnx", "--port", "0", "--max-body", "1mb", "--timeout", "2s"];
const INFER = "/v2/models/model/infer";

export const CASES: CorpusCase[] = [
  // ── data: encodings, BOMs, NULs, empty files ─────────────────────────────────────────────
  {
    id: "data/bom-quoted-header-newline",
    what: "UTF-8 BOM, then a quoted header name holding a line break (read no rows, or a row too many)",
    files: { "d.csv": "data/bom-quoted-header-newline.csv" },
    args: data("d.csv"),
    rows: [2, 0],
    exit: 0,
    message: "pass: d.csv: 2 rows; all 1 checks passed",
  },
  {
    id: "data/bom-quoted-header-newline-bad-row",
    what: "the same header, then a record with a field too many",
    files: { "d.csv": "data/bom-quoted-header-newline-bad-row.csv" },
    args: data("d.csv"),
    rows: [2, 1],
    exit: 1,
    message: "fail: d.csv: 2 rows; 1 failed check",
  },
  {
    id: "data/bom-only",
    what: "a CSV of only a UTF-8 BOM",
    files: { "d.csv": "data/bom-only.csv" },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: d.csv:1: the header line is empty; the first line of a CSV file must name its columns",
  },
  {
    id: "data/empty",
    what: "a zero-byte CSV",
    files: { "d.csv": "data/empty.csv" },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: d.csv: file is empty",
  },
  {
    id: "data/header-only",
    what: "a header and no rows",
    files: { "d.csv": "data/header-only.csv" },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: d.csv: has a header but no data rows",
  },
  {
    id: "data/only-newlines",
    what: "a file of 9,999 newlines",
    files: { "d.csv": "data/only-newlines.csv" },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: d.csv:1: the header line is empty; the first line of a CSV file must name its columns",
  },
  {
    id: "data/only-crlf",
    what: "a file of CRLFs",
    files: { "d.csv": "data/only-crlf.csv" },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: d.csv:1: the header line is empty; the first line of a CSV file must name its columns",
  },
  {
    id: "data/empty-header",
    what: "an empty first line, then data",
    files: { "d.csv": "data/empty-header.csv" },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: d.csv:1: the header line is empty; the first line of a CSV file must name its columns",
  },
  {
    id: "data/blank-header",
    what: "a first line of spaces",
    files: { "d.csv": "data/blank-header.csv" },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: d.csv:1: the header line is empty; the first line of a CSV file must name its columns",
  },
  {
    id: "data/utf16le-bom",
    what: "UTF-16LE with its BOM",
    files: { "d.csv": "data/utf16le-bom.csv" },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: d.csv: is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8",
  },
  {
    id: "data/latin1",
    what: "Latin-1 bytes (invalid UTF-8) in a field",
    files: { "d.csv": "data/latin1.csv" },
    args: data("d.csv"),
    rows: [1, 1],
    exit: 1,
    message: "fail: d.csv: 1 rows; 1 failed check",
  },
  {
    id: "data/nul-in-field",
    what: "a NUL byte inside a field",
    files: { "d.csv": "data/nul-in-field.csv" },
    args: data("d.csv"),
    rows: [2, 0],
    exit: 0,
    message: "pass: d.csv: 2 rows; all 1 checks passed",
  },
  {
    id: "data/bom-tsv",
    what: "a TSV with a UTF-8 BOM",
    files: { "d.tsv": "data/bom.tsv" },
    args: data("d.tsv"),
    rows: [2, 0],
    exit: 0,
    message: "pass: d.tsv: 2 rows; all 1 checks passed",
  },
  // ── data: headers ────────────────────────────────────────────────────────────────────────
  {
    id: "data/duplicate-header",
    what: "a column named twice",
    files: { "d.csv": "data/duplicate-header.csv" },
    args: data("d.csv"),
    exit: 2,
    message: 'mlgate data: d.csv:1: the header names column "x" twice (columns 1 and 2); give each column its own name',
  },
  {
    id: "data/duplicate-header-case",
    what: "Amount and amount",
    files: { "d.csv": "data/duplicate-header-case.csv" },
    args: data("d.csv"),
    exit: 2,
    message:
      'mlgate data: d.csv:1: the header names column "Amount" twice (columns 2 and 3, as "Amount" and "amount": names are compared ignoring case and outer spaces); give each column its own name',
  },
  {
    id: "data/duplicate-header-spaces",
    what: 'id and " id "',
    files: { "d.csv": "data/duplicate-header-spaces.csv" },
    args: data("d.csv"),
    exit: 2,
    message:
      'mlgate data: d.csv:1: the header names column "id" twice (columns 1 and 2, as "id" and " id ": names are compared ignoring case and outer spaces); give each column its own name',
  },
  {
    id: "data/duplicate-header-tsv",
    what: "a TSV column named twice",
    files: { "d.tsv": "data/duplicate-header.tsv" },
    args: data("d.tsv"),
    exit: 2,
    message: 'mlgate data: d.tsv:1: the header names column "id" twice (columns 1 and 3); give each column its own name',
  },
  {
    id: "data/quoted-header-delimiter",
    what: "quoted header names holding the delimiter",
    files: { "d.csv": "data/quoted-header-delimiter.csv" },
    args: data("d.csv"),
    rows: [2, 0],
    exit: 0,
    message: "pass: d.csv: 2 rows; all 1 checks passed",
  },
  {
    id: "data/quoted-header-comma",
    what: "a quoted header name holding a comma",
    files: { "d.csv": "data/quoted-header-comma.csv" },
    args: data("d.csv"),
    rows: [1, 0],
    exit: 0,
    message: "pass: d.csv: 1 rows; all 1 checks passed",
  },
  {
    id: "data/header-quoted-newline",
    what: "a quoted header name holding a line break",
    files: { "d.csv": "data/header-quoted-newline.csv" },
    args: data("d.csv"),
    rows: [1, 0],
    exit: 0,
    message: "pass: d.csv: 1 rows; all 1 checks passed",
  },
  {
    id: "data/markdown-names",
    what: "column names of HTML, @mentions and pipes",
    files: { "d.csv": "data/markdown-names.csv" },
    args: data("d.csv", "--markdown", "reports/data.md"),
    rows: [1, 0],
    markdownForbids: ["<img", "@octocat", "| `x`"],
    exit: 0,
    message: "pass: d.csv: 1 rows; all 1 checks passed",
  },
  {
    id: "data/sql-in-names",
    what: "column names of SQL",
    files: { "d.csv": "data/sql-in-names.csv" },
    args: data("d.csv"),
    rows: [2, 0],
    exit: 0,
    message: "pass: d.csv: 2 rows; all 1 checks passed",
  },
  // ── data: records ────────────────────────────────────────────────────────────────────────
  {
    id: "data/ragged",
    what: "records with too few and too many fields",
    files: { "d.csv": "data/ragged.csv" },
    args: data("d.csv"),
    rows: [2, 2],
    exit: 1,
    message: "fail: d.csv: 2 rows; 1 failed check",
  },
  {
    id: "data/unterminated-quote",
    what: "a quote never closed",
    files: { "d.csv": "data/unterminated-quote.csv" },
    args: data("d.csv"),
    rows: [0, 1],
    exit: 1,
    message: "fail: d.csv: 0 rows; 1 failed check",
  },
  {
    id: "data/record-12mib",
    what: "a 12 MiB line (generated)",
    setup: (s) => void genData(s.ws, ["record-12mib.csv"]),
    args: data("record-12mib.csv"),
    exit: 2,
    message:
      "mlgate data: record-12mib.csv:3: the line is 12 MiB long, over the record size limit of 8 MiB; a line that long cannot be read safely (raise MLGATE_MAX_RECORD_SIZE if it is meant to be)",
  },
  {
    id: "data/record-50mib",
    what: "a 50 MiB line (generated; DuckDB dropped it silently)",
    setup: (s) => void genData(s.ws, ["record-50mib.csv"]),
    args: data("record-50mib.csv"),
    exit: 2,
    message:
      "mlgate data: record-50mib.csv:2: the line is more than 32 MiB long, over the record size limit of 8 MiB; a line that long cannot be read safely (raise MLGATE_MAX_RECORD_SIZE if it is meant to be)",
  },
  {
    id: "data/header-9mib",
    what: "a 9 MiB header line (generated)",
    setup: (s) => void genData(s.ws, ["header-9mib.csv"]),
    args: data("header-9mib.csv"),
    exit: 2,
    message:
      "mlgate data: header-9mib.csv:1: the header is longer than the record size limit of 8 MiB (MLGATE_MAX_RECORD_SIZE); is this a CSV file?",
  },
  {
    id: "data/gzip-only-line-huge",
    what: "a gzip whose only data line is 40 MiB (generated, 40 KB)",
    setup: (s) => void genData(s.ws, ["gzip-only-line-huge.csv.gz"]),
    args: data("gzip-only-line-huge.csv.gz"),
    exit: 2,
    message:
      "mlgate data: gzip-only-line-huge.csv.gz:2: the line is more than 32 MiB long, over the record size limit of 8 MiB; a line that long cannot be read safely (raise MLGATE_MAX_RECORD_SIZE if it is meant to be)",
  },
  {
    id: "data/jsonl-1gib-line",
    what: "one 1 GiB JSON Lines line, 1 MB gzipped (generated)",
    setup: (s) => void genData(s.ws, ["jsonl-1gib-line.jsonl.gz"]),
    args: data("jsonl-1gib-line.jsonl.gz"),
    exit: 2,
    message:
      "mlgate data: jsonl-1gib-line.jsonl.gz: no line is a JSON object (line 1: line of 1 GiB is over the record size limit of 8 MiB (MLGATE_MAX_RECORD_SIZE))",
    timeoutMs: 60_000,
  },
  {
    id: "data/truncated-gzip",
    what: "a gzip cut short",
    files: { "d.csv.gz": "data/truncated.csv.gz" },
    args: data("d.csv.gz"),
    exit: 2,
    message: "mlgate data: d.csv.gz: cannot be decompressed as gzip (unexpected end of file); is it cut short?",
  },
  // ── data: JSON Lines and Parquet ─────────────────────────────────────────────────────────
  {
    id: "data/jsonl-nested-10000",
    what: "JSON nested 10,000 deep (needed 6.9 GB)",
    files: { "d.jsonl": "data/jsonl-nested-10000.jsonl" },
    args: data("d.jsonl"),
    rows: [2, 1],
    exit: 1,
    message: "fail: d.jsonl: 2 rows; 1 failed check",
  },
  {
    id: "data/jsonl-nested-65",
    what: "JSON nested 65 deep",
    files: { "d.jsonl": "data/jsonl-nested-65.jsonl" },
    args: data("d.jsonl"),
    rows: [1, 1],
    exit: 1,
    message: "fail: d.jsonl: 1 rows; 1 failed check",
  },
  {
    id: "data/jsonl-nested-64",
    what: "JSON nested 64 deep (the limit)",
    files: { "d.jsonl": "data/jsonl-nested-64.jsonl" },
    args: data("d.jsonl"),
    rows: [2, 0],
    exit: 0,
    message: "pass: d.jsonl: 2 rows; all 1 checks passed",
  },
  {
    id: "data/jsonl-brackets-in-strings",
    what: "brackets inside JSON strings",
    files: { "d.jsonl": "data/jsonl-brackets-in-strings.jsonl" },
    args: data("d.jsonl"),
    rows: [1, 0],
    exit: 0,
    message: "pass: d.jsonl: 1 rows; all 1 checks passed",
  },
  {
    id: "data/jsonl-not-json",
    what: "a line of prose between JSON records",
    files: { "d.jsonl": "data/jsonl-not-json.jsonl" },
    args: data("d.jsonl"),
    rows: [2, 1],
    exit: 1,
    message: "fail: d.jsonl: 2 rows; 1 failed check",
  },
  {
    id: "data/jsonl-arrays",
    what: "JSON Lines of arrays, not objects",
    files: { "d.jsonl": "data/jsonl-arrays.jsonl" },
    args: data("d.jsonl"),
    exit: 2,
    message: "mlgate data: d.jsonl: no line is a JSON object (line 1: not a JSON object)",
  },
  {
    id: "data/jsonl-bom-blank-lines",
    what: "a BOM and blank lines between records",
    files: { "d.jsonl": "data/jsonl-bom-blank-lines.jsonl" },
    args: data("d.jsonl"),
    rows: [2, 0],
    exit: 0,
    message: "pass: d.jsonl: 2 rows; all 1 checks passed",
  },
  {
    id: "data/not-parquet",
    what: "CSV text named .parquet",
    files: { "d.parquet": "data/not-parquet.parquet" },
    args: data("d.parquet"),
    exit: 2,
    message: "mlgate data: d.parquet: cannot be read as Parquet (File 'd.parquet' too small to be a Parquet file)",
  },
  {
    id: "data/truncated-parquet",
    what: "a Parquet file cut after its first bytes",
    files: { "d.parquet": "data/truncated.parquet" },
    args: data("d.parquet"),
    exit: 2,
    message: "mlgate data: d.parquet: cannot be read as Parquet (No magic bytes found at end of file 'd.parquet')",
  },
  {
    id: "data/parquet-nested",
    what: "Parquet with struct, list and map columns",
    files: { "d.parquet": "data/nested.parquet" },
    args: data("d.parquet"),
    rows: [3, 0],
    exit: 0,
    message: "pass: d.parquet: 3 rows; all 1 checks passed",
  },
  {
    id: "data/parquet-zero-rows",
    what: "Parquet with a schema and no rows (passed every check on nothing)",
    files: { "d.parquet": "data/zero-rows.parquet" },
    args: data("d.parquet"),
    exit: 2,
    message: "mlgate data: d.parquet: has columns but no rows",
  },
  {
    id: "data/parquet-weird-names",
    what: "Parquet columns named with a quote, a line break and SQL",
    files: { "d.parquet": "data/weird-names.parquet" },
    args: data("d.parquet", "--markdown", "reports/data.md"),
    rows: [1, 0],
    markdownForbids: ["a\nb |"],
    exit: 0,
    message: "pass: d.parquet: 1 rows; all 1 checks passed",
  },
  {
    id: "data/reference-only-newlines",
    what: "a good file against a reference of only newlines",
    files: { "d.csv": "config/ab.csv", "r.csv": "data/only-newlines.csv" },
    args: data("d.csv", "--reference", "r.csv"),
    exit: 2,
    message: "mlgate data: r.csv:1: the header line is empty; the first line of a CSV file must name its columns",
  },
  {
    id: "data/glob-matches-nothing",
    what: "--data '*.parquet' in a folder without one",
    files: { "d.csv": "config/ab.csv" },
    args: data("*.parquet"),
    exit: 2,
    message: "mlgate data: *.parquet: no Parquet files found",
  },
  // ── data: what is not a file in the workspace ────────────────────────────────────────────
  {
    id: "data/symlink-outside",
    what: "a CSV symlinked to a secret outside the workspace (in Actions)",
    setup: link("{outside}/secret.csv", "d.csv"),
    args: data("d.csv", "--no-publish"),
    actions: true,
    exit: 2,
    message:
      "mlgate data: --data d.csv: resolves to {outside}/secret.csv, which is outside the allowed folders (the workspace {ws}, $RUNNER_TEMP {tmp}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace",
  },
  {
    id: "data/dev-zero",
    what: "a .jsonl symlinked to /dev/zero",
    setup: link("/dev/zero", "d.jsonl"),
    args: data("d.jsonl"),
    exit: 2,
    message: "mlgate data: --data d.jsonl: is a character device, not a regular file or folder",
  },
  {
    id: "data/fifo",
    what: "a FIFO named .csv (blocked forever before)",
    setup: (s) => {
      mkfifo(path.join(s.ws, "d.csv"));
    },
    args: data("d.csv"),
    exit: 2,
    message: "mlgate data: --data d.csv: is a named pipe (FIFO), not a regular file or folder",
  },
  {
    id: "data/path-escape",
    what: "--data ../outside/secret.csv (in Actions)",
    args: data("../outside/secret.csv", "--no-publish"),
    actions: true,
    exit: 2,
    message:
      "mlgate data: --data ../outside/secret.csv: is outside the allowed folders (the workspace {ws}, $RUNNER_TEMP {tmp}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace",
  },
  {
    id: "data/json-to-folder",
    what: "--json naming a folder",
    files: { "d.csv": "config/ab.csv" },
    args: ["data", "--data", "d.csv", "--json", "reports", "--quiet"],
    exit: 2,
    message: "mlgate data: --json reports: is a folder; name a file, such as reports/report.json",
  },
  // ── contracts and config ─────────────────────────────────────────────────────────────────
  {
    id: "config/alias-bomb-config",
    what: "a billion-laughs mlgate.yml",
    files: { "d.csv": "config/one.csv", "c.yml": "config/alias-bomb-config.yml" },
    args: data("d.csv", "--config", "c.yml"),
    exit: 2,
    message:
      "mlgate data: c.yml:6: expands YAML aliases more than 100 times (a pattern that makes a small file huge); write the values out or use fewer aliases",
  },
  {
    id: "config/alias-bomb-contract",
    what: "an allowed list that is an alias bomb",
    files: { "d.csv": "config/one.csv", "c.yml": "config/alias-bomb-contract.yml" },
    args: data("d.csv", "--schema", "c.yml"),
    exit: 2,
    message:
      "mlgate data: c.yml:5: expands YAML aliases more than 100 times (a pattern that makes a small file huge); write the values out or use fewer aliases",
  },
  {
    id: "config/aliases-fine",
    what: "anchors and aliases as people use them",
    files: { "d.csv": "config/one.csv", "c.yml": "config/aliases-fine.yml" },
    args: data("d.csv", "--config", "c.yml"),
    rows: [1, 0],
    exit: 0,
    message: "pass: d.csv: 1 rows; all 1 checks passed",
  },
  {
    id: "config/redos-pattern",
    what: "JSON Schema pattern ^(a+)+$ against 40 a's and a !",
    files: { "d.jsonl": "config/redos.jsonl", "c.yml": "config/redos-pattern.yml" },
    args: data("d.jsonl", "--schema", "c.yml"),
    rows: [3, 0],
    exit: 1,
    message: "fail: d.jsonl: 3 rows; 1 failed check",
  },
  {
    id: "config/contract-regex-redos",
    what: "a contract regex ^(a+)+$ against 40 a's and a ! (DuckDB's RE2: linear)",
    files: { "d.csv": "config/redos.csv", "c.yml": "config/contract-regex-redos.yml" },
    args: data("d.csv", "--schema", "c.yml"),
    rows: [2, 0],
    exit: 1,
    message: "fail: d.csv: 2 rows; 1 failed check",
    timeoutMs: 20_000,
  },
  {
    id: "config/lookahead-pattern",
    what: "a JSON Schema pattern RE2 cannot run",
    files: { "d.jsonl": "config/redos.jsonl", "c.yml": "config/lookahead-pattern.yml" },
    args: data("d.jsonl", "--schema", "c.yml"),
    exit: 2,
    message:
      'mlgate data: c.yml:4: json_schema is not a valid JSON Schema (the pattern "^(?=a)a+$" cannot run on RE2: invalid or unsupported Perl syntax: `(?=`)',
  },
  {
    id: "config/bad-regex",
    what: "a contract pattern that does not compile",
    files: { "d.csv": "config/ab.csv", "c.yml": "config/bad-regex.yml" },
    args: data("d.csv", "--schema", "c.yml"),
    exit: 2,
    message: "mlgate data: c.yml:4: columns.a.regex is not a valid regular expression (missing ]: [a-z)",
  },
  {
    id: "config/contract-list",
    what: "a contract that is a YAML list",
    files: { "d.csv": "config/ab.csv", "c.yml": "config/contract-list.yml" },
    args: data("d.csv", "--schema", "c.yml"),
    exit: 2,
    message: "mlgate data: c.yml:1: the top level must be a mapping",
  },
  {
    id: "config/contract-tab-indent",
    what: "a contract indented with a tab",
    files: { "d.csv": "config/ab.csv", "c.yml": "config/contract-tab-indent.yml" },
    args: data("d.csv", "--schema", "c.yml"),
    exit: 2,
    message: "mlgate data: c.yml:3: not valid YAML: Tabs are not allowed as indentation",
  },
  {
    id: "config/contract-nul",
    what: "a NUL byte in a contract's column name",
    files: { "d.csv": "config/ab.csv", "c.yml": "config/contract-nul.yml" },
    args: data("d.csv", "--schema", "c.yml"),
    rows: [2, 0],
    exit: 1,
    message: "fail: d.csv: 2 rows; 1 failed check; 1 warning",
  },
  {
    id: "config/contract-unknown-key",
    what: "a rule the contract does not have (minimum)",
    files: { "d.csv": "config/ab.csv", "c.yml": "config/contract-unknown-key.yml" },
    args: data("d.csv", "--schema", "c.yml"),
    exit: 2,
    message:
      "mlgate data: c.yml:4: columns.a.minimum is not a known key (known keys: type, required, max_missing, unique, min, max, allowed, regex, min_length, max_length, reference_range, identifier, drift)",
  },
  {
    id: "config/range-inverted",
    what: "min 10, max 1",
    files: { "d.csv": "config/ab.csv", "c.yml": "config/range-inverted.yml" },
    args: data("d.csv", "--schema", "c.yml"),
    exit: 2,
    message: "mlgate data: c.yml:4: columns.a.min is larger than max",
  },
  {
    id: "config/version-2",
    what: "mlgate.yml of version 2",
    files: { "d.csv": "config/ab.csv", "c.yml": "config/config-version-2.yml" },
    args: data("d.csv", "--config", "c.yml"),
    exit: 2,
    message: "mlgate data: c.yml:1: version must be 1",
  },
  {
    id: "config/json-schema-outside",
    what: "a contract whose json_schema names a file outside the workspace (in Actions)",
    files: { "d.jsonl": "config/redos.jsonl", "c.yml": "config/config-json-schema-outside.yml" },
    args: data("d.jsonl", "--schema", "c.yml", "--no-publish"),
    actions: true,
    exit: 2,
    message:
      "mlgate data: c.yml:2: json_schema ../outside/secret.json: is outside the allowed folders (the workspace {ws}, $RUNNER_TEMP {tmp}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace",
  },
  {
    id: "config/contract-symlink-outside",
    what: "a contract symlinked to a secret YAML outside the workspace (in Actions)",
    files: { "d.csv": "config/ab.csv" },
    setup: link("{outside}/secret.yml", "c.yml"),
    args: data("d.csv", "--schema", "c.yml", "--no-publish"),
    actions: true,
    exit: 2,
    message:
      "mlgate data: --schema c.yml: resolves to {outside}/secret.yml, which is outside the allowed folders (the workspace {ws}, $RUNNER_TEMP {tmp}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace",
  },
  {
    id: "config/contract-fifo",
    what: "a contract that is a FIFO",
    files: { "d.csv": "config/ab.csv" },
    setup: (s) => {
      mkfifo(path.join(s.ws, "c.yml"));
    },
    args: data("d.csv", "--schema", "c.yml"),
    exit: 2,
    message: "mlgate data: --schema c.yml: is a named pipe (FIFO), not a regular file or folder",
  },
  {
    id: "config/deep-flow",
    what: "20 KB of YAML brackets 10,000 deep (generated)",
    files: { "d.csv": "config/one.csv" },
    setup: (s) => {
      genConfig(s, "deep-flow.yml");
    },
    args: data("d.csv", "--config", "deep-flow.yml"),
    exit: 2,
    message: "mlgate data: deep-flow.yml:2: is nested deeper than 64 levels; flatten it (mlgate's own files need fewer than 10)",
  },
  {
    id: "config/huge-config",
    what: "2 MiB of comments (generated)",
    files: { "d.csv": "config/one.csv" },
    setup: (s) => {
      genConfig(s, "huge-config.yml");
    },
    args: data("d.csv", "--config", "huge-config.yml"),
    exit: 2,
    message: "mlgate data: huge-config.yml: is 2.1 MiB; a config or contract file may be at most 1 MiB",
  },
  {
    id: "config/columns-480k",
    what: "a 480,000-column contract (generated, 6 MB)",
    files: { "d.csv": "config/one.csv" },
    setup: (s) => {
      genConfig(s, "columns-480k.yml");
    },
    args: data("d.csv", "--schema", "columns-480k.yml"),
    exit: 2,
    message: "mlgate data: columns-480k.yml: is 6.3 MiB; a config or contract file may be at most 1 MiB",
  },
  {
    id: "config/allowed-100001",
    what: "100,001 allowed values (generated)",
    files: { "d.csv": "config/one.csv" },
    setup: (s) => {
      genConfig(s, "allowed-100001.yml");
    },
    args: data("d.csv", "--schema", "allowed-100001.yml"),
    exit: 2,
    message:
      "mlgate data: allowed-100001.yml:6: lists 100,001 allowed values in all; a contract may list at most 100,000 (check a large set with a regex or a reference file's drift instead)",
  },
  // ── ONNX ─────────────────────────────────────────────────────────────────────────────────
  {
    id: "onnx/zero-byte",
    what: "an empty .onnx",
    files: { "m.onnx": "onnx/zero-byte.onnx" },
    args: onnx("m.onnx"),
    exit: 2,
    message: "mlgate onnx: m.onnx: is empty (0 bytes), not an ONNX model",
  },
  {
    id: "onnx/not-onnx",
    what: "text named .onnx",
    files: { "m.onnx": "onnx/not-onnx.onnx" },
    args: onnx("m.onnx"),
    exit: 2,
    message: "mlgate onnx: m.onnx: is not an ONNX model (it looks like a text file)",
  },
  {
    id: "onnx/truncated",
    what: "the demo model cut at 300 bytes",
    files: { "m.onnx": "onnx/truncated.onnx" },
    args: onnx("m.onnx"),
    exit: 2,
    message:
      "mlgate onnx: m.onnx: is not a valid ONNX model (the protobuf is truncated: a field at byte 300 needs 10 more bytes but the file ends at byte 300)",
  },
  {
    id: "onnx/dims-2pow40",
    what: "an input declared 2^40 long",
    files: { "m.onnx": "onnx/dims-2pow40.onnx" },
    args: onnx("m.onnx"),
    exit: 2,
    message:
      'mlgate onnx: m.onnx: input "x": declares a dimension of 1099511627776; onnxruntime allows at most 2,147,483,647 (2^31 - 1)',
  },
  {
    id: "onnx/dims-negative",
    what: "an input declared -5 × 3",
    files: { "m.onnx": "onnx/dims-negative.onnx" },
    args: onnx("m.onnx"),
    exit: 2,
    message:
      'mlgate onnx: m.onnx: input "x": declares a dimension of -5; a dimension is a size of 0 or more, or a name such as "batch" when it varies',
  },
  {
    id: "onnx/dims-65536-squared",
    what: "an input of batch × 65536 × 65536 to make up",
    files: { "m.onnx": "onnx/dims-65536-squared.onnx" },
    args: onnx("m.onnx"),
    exit: 2,
    message:
      'mlgate onnx: input "x" at 4×65536×65536: would need 17,179,869,184 values to make up its inputs; the ONNX gate makes at most 16,777,216 per input (set smaller sizes in gates.onnx.dims or give --test-data)',
  },
  {
    id: "onnx/initializer-lies",
    what: "an initializer declaring 2^33 floats holding one",
    files: { "m.onnx": "onnx/initializer-lies.onnx" },
    args: onnx("m.onnx"),
    exit: 1,
    message: "fail: m.onnx: 2 check(s) failed (load.disabled, load.all) against onnxruntime 1.30",
  },
  {
    id: "onnx/unknown-op",
    what: "an operator of an unknown domain",
    files: { "m.onnx": "onnx/unknown-op.onnx" },
    args: onnx("m.onnx"),
    exit: 1,
    message: "fail: m.onnx: 3 check(s) failed (policy.domain.evil_example, load.disabled, load.all) against onnxruntime 1.30",
  },
  {
    id: "onnx/metadata-markdown",
    what: "metadata of HTML, @mentions and image links",
    files: { "m.onnx": "onnx/metadata-markdown.onnx" },
    args: onnx("m.onnx", "--markdown", "reports/onnx.md"),
    markdownForbids: ["<script", "<img", "@octocat", "@github/security", "](http://evil"],
    exit: 0,
    message: "pass: m.onnx: loads and runs in onnxruntime 1.30; 12 check(s) passed",
  },
  {
    id: "onnx/symlink-outside",
    what: "a model symlinked outside the workspace (in Actions)",
    setup: link("{outside}/secret.onnx", "m.onnx"),
    args: onnx("m.onnx", "--no-publish"),
    actions: true,
    exit: 2,
    message:
      "mlgate onnx: --model m.onnx: resolves to {outside}/secret.onnx, which is outside the allowed folders (the workspace {ws}, $RUNNER_TEMP {tmp}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace",
  },
  {
    id: "onnx/dev-zero",
    what: "a model symlinked to /dev/zero",
    setup: link("/dev/zero", "m.onnx"),
    args: onnx("m.onnx"),
    exit: 2,
    message: "mlgate onnx: --model m.onnx: is a character device, not a regular file or folder",
  },
  {
    id: "onnx/glob-redos",
    what: "--model '*a*a*a*a*a*a*a*a*b.onnx' against a 200-character name",
    files: { [`${"a".repeat(200)}.onnx`]: CANDIDATE },
    args: onnx("*a*a*a*a*a*a*a*a*b.onnx"),
    exit: 2,
    message: "mlgate onnx: --model *a*a*a*a*a*a*a*a*b.onnx: matches no files",
  },
  {
    id: "onnx/glob-bad-class",
    what: "--model '[z-a].onnx'",
    files: { "m.onnx": CANDIDATE },
    args: onnx("[z-a].onnx"),
    exit: 2,
    message: "mlgate onnx: --model [z-a].onnx: is not a valid glob (invalid character class range: `z-a`)",
  },
  // ── model gate ───────────────────────────────────────────────────────────────────────────
  {
    id: "model/label-yes-no",
    what: "a binary label of yes/no (DuckDB reads it as a boolean: yes = 1)",
    files: { "m.onnx": CANDIDATE, "e.csv": "model/eval-label-strings.csv" },
    args: model("m.onnx", "e.csv"),
    exit: 0,
    message:
      "pass: candidate roc_auc 0.9336 on 40 rows; no baseline (--baseline none): absolute thresholds only; 1 checks passed or skipped",
  },
  {
    id: "model/label-words",
    what: "a binary label of churned/stayed",
    files: { "m.onnx": CANDIDATE, "e.csv": "model/eval-label-words.csv" },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message:
      'mlgate model: --label churned: line 2 of e.csv has label "stayed", which is not a class index; encode labels as 0..1 in the order of the model\'s outputs',
  },
  {
    id: "model/label-nan",
    what: "NaN labels",
    files: { "m.onnx": CANDIDATE, "e.csv": "model/eval-label-nan.csv" },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message:
      'mlgate model: --label churned: line 2 of e.csv has label "nan", which is not a class index; encode labels as 0..1 in the order of the model\'s outputs',
  },
  {
    id: "model/label-3",
    what: "a label of 3 in a binary task",
    files: { "m.onnx": CANDIDATE, "e.csv": "model/eval-label-3.csv" },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message: "mlgate model: --label churned: line 7 of e.csv has label 3, which the model does not predict (classes 0..1)",
  },
  {
    id: "model/feature-text",
    what: "a word in a numeric feature",
    files: { "m.onnx": CANDIDATE, "e.csv": "model/eval-feature-text.csv" },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message:
      'mlgate model: --features: column "income" of e.csv is VARCHAR, but the model takes float32 inputs; leave it out of --features',
  },
  {
    id: "model/missing-feature",
    what: "a feature column missing",
    files: { "m.onnx": CANDIDATE, "e.csv": "model/eval-missing-feature.csv" },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message:
      "mlgate model: --features support_calls: e.csv has no such column; it has age, income, tenure_months, monthly_charges, num_products, annual_contract, churned",
  },
  {
    id: "model/header-only",
    what: "eval data with no rows",
    files: { "m.onnx": CANDIDATE, "e.csv": "model/eval-header-only.csv" },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message: "mlgate model: e.csv: has a header but no data rows",
  },
  {
    id: "model/ragged",
    what: "eval rows of 4 fields among rows of 8",
    files: { "m.onnx": CANDIDATE, "e.csv": "model/eval-ragged.csv" },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message:
      "mlgate model: --data e.csv: line 2 cannot be read (MISSING COLUMNS in column support_calls: Expected Number of Columns: 8 Found: 4; MISSING COLUMNS in column num_products: Expected Number of Columns: 8 Found: 5; MISSING COLUMNS in column annual_contract: Expected Number of Columns: 8 Found: 6; MISSING COLUMNS in column churned: Expected Number of Columns: 8 Found: 7) and 7 more records; the model gate scores every row, so fix or remove them",
  },
  {
    id: "model/nan-scores",
    what: "a model scoring NaN for every row",
    files: { "m.onnx": "onnx/nan-scores.onnx", "e.csv": EVAL },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message:
      "mlgate model: the model scored 40 values as NaN or infinity (the first for row 1 of the evaluation data); a model must give every row a finite score",
  },
  {
    id: "model/one-score-per-batch",
    what: "a model giving one score for a whole batch (fewer scores than rows)",
    files: { "m.onnx": "onnx/one-score-per-batch.onnx", "e.csv": EVAL },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message: 'mlgate model: --candidate m.onnx: output "probability" returned 1 values for 40 rows',
  },
  {
    id: "model/two-scores-a-row",
    what: "a 'probability' output of 2 unbounded values a row (read as logits, softmax applied, as the report says)",
    files: { "m.onnx": "onnx/two-scores-a-row.onnx", "e.csv": EVAL },
    args: model("m.onnx", "e.csv"),
    exit: 0,
    message:
      "pass: candidate roc_auc 0.5293 on 40 rows; no baseline (--baseline none): absolute thresholds only; 1 checks passed or skipped",
  },
  {
    id: "model/batch-size-huge",
    what: "--batch-size 1000000000000",
    files: { "m.onnx": CANDIDATE, "e.csv": EVAL },
    args: model("m.onnx", "e.csv", "--batch-size", "1000000000000"),
    exit: 2,
    message:
      "mlgate model: --batch-size 1000000000000 is over the most rows per batch, 1,048,576; batches of a few thousand rows are as fast",
  },
  {
    id: "model/not-onnx",
    what: "a candidate that is text",
    files: { "m.onnx": "onnx/not-onnx.onnx", "e.csv": EVAL },
    args: model("m.onnx", "e.csv"),
    exit: 2,
    message:
      "mlgate model: --candidate m.onnx: is not a loadable ONNX model (onnxruntime: Load model from {ws}/m.onnx failed:Protobuf parsing failed)",
  },
  // ── deploy ───────────────────────────────────────────────────────────────────────────────
  deployCase({
    id: "deploy/steps-0-0",
    what: "--strategy canary --steps 0,0",
    args: deploy("--strategy", "canary", "--steps", "0,0"),
    exit: 2,
    message: 'mlgate deploy: --steps "0,0": "0" is not a traffic share; give percentages from 1 to 100, such as 10,50,100',
  }),
  deployCase({
    id: "deploy/steps-150",
    what: "--strategy canary --steps 150",
    args: deploy("--strategy", "canary", "--steps", "150"),
    exit: 2,
    message: 'mlgate deploy: --steps "150": "150" is not a traffic share; give percentages from 1 to 100, such as 10,50,100',
  }),
  deployCase({
    id: "deploy/steps-abc",
    what: "--strategy canary --steps abc",
    args: deploy("--strategy", "canary", "--steps", "abc"),
    exit: 2,
    message: 'mlgate deploy: --steps "abc": "abc" is not a traffic share; give percentages from 1 to 100, such as 10,50,100',
  }),
  deployCase({
    id: "deploy/watch-absurd",
    what: "--watch 99999999999h",
    args: deploy("--strategy", "canary", "--watch", "99999999999h"),
    exit: 2,
    message: 'mlgate deploy: --watch "99999999999h" is longer than 596h, the longest wait mlgate can time (2^31 - 1 ms)',
  }),
  deployCase({
    id: "deploy/version-dotdot",
    what: "--version ../../outside/x",
    args: [...deploy(), "--version", "../../outside/x"],
    exit: 2,
    message:
      'mlgate deploy: --version "../../outside/x" is not a valid version: use 1-128 letters, digits, dots, dashes, underscores or plus signs, starting with a letter or digit',
  }),
  deployCase({
    id: "deploy/version-shell",
    what: "--version 'v1;$(touch pwned)'",
    args: [...deploy(), "--version", "v1;$(touch pwned)"],
    exit: 2,
    message:
      'mlgate deploy: --version "v1;$(touch pwned)" is not a valid version: use 1-128 letters, digits, dots, dashes, underscores or plus signs, starting with a letter or digit',
  }),
  deployCase({
    id: "deploy/aliases-truncated",
    what: "a registry aliases.json cut short",
    setup: registryWith("aliases.json", "deploy/aliases-truncated.json"),
    args: deploy(),
    exit: 2,
    message:
      "mlgate deploy: {ws}/registry/production/aliases.json: is not a registry aliases file of schema version 1; was the registry written by another tool?",
  }),
  deployCase({
    id: "deploy/aliases-future-schema",
    what: "aliases.json of schemaVersion 99",
    setup: registryWith("aliases.json", "deploy/aliases-future-schema.json"),
    args: deploy(),
    exit: 2,
    message:
      "mlgate deploy: {ws}/registry/production/aliases.json: is not a registry aliases file of schema version 1; was the registry written by another tool?",
  }),
  deployCase({
    id: "deploy/aliases-hostile-values",
    what: "aliases.json naming ../../../outside, weight 999",
    setup: registryWith("aliases.json", "deploy/aliases-hostile-values.json"),
    args: deploy(),
    exit: 2,
    message:
      "mlgate deploy: {ws}/registry/production/aliases.json: is not a registry aliases file of schema version 1 (field generation is -1); was the registry written by another tool?",
  }),
  {
    id: "deploy/status-history-garbage",
    what: "deploy status over a history.jsonl of garbage (an array line was shown as an event)",
    setup: registryWith("history.jsonl", "deploy/history-garbage.jsonl"),
    args: ["deploy", "status", "--environment", "production", "--target", "registry:registry", "--quiet"],
    writes: ["registry"],
    exit: 0,
    message:
      "model       production in registry:registry\nchampion    none\nchallenger  none\nprevious    none\ngeneration  0\nlock        none",
  },
  {
    id: "deploy/rollback-aliases-hostile",
    what: "deploy rollback over aliases.json naming ../../../outside",
    setup: registryWith("aliases.json", "deploy/aliases-hostile-values.json"),
    args: ["deploy", "rollback", "--environment", "production", "--target", "registry:registry", "--quiet"],
    writes: ["registry"],
    exit: 2,
    message:
      "mlgate deploy rollback: {ws}/registry/production/aliases.json: is not a registry aliases file of schema version 1 (field generation is -1); was the registry written by another tool?",
  },
  deployCase({
    id: "deploy/environment-dotdot",
    what: "--environment ../../outside",
    args: [...deploy(), "--environment", "../../outside"],
    exit: 2,
    message:
      'mlgate deploy: --environment "../../outside" is not a valid model name: use 1-128 letters, digits, dots, dashes, underscores or plus signs, starting with a letter or digit',
  }),
  deployCase({
    id: "deploy/history-garbage",
    what: "a history.jsonl of garbage",
    setup: registryWith("history.jsonl", "deploy/history-garbage.jsonl"),
    args: deploy(),
    exit: 0,
    message: "pass: deployed production v2 (b743bccbf45d) to production via direct; v2 serves production",
  }),
  deployCase({
    id: "deploy/lock-garbage",
    what: "a lock.json of prose",
    setup: registryWith("lock.json", "deploy/lock-garbage.json"),
    args: deploy(),
    exit: 2,
    message:
      "mlgate deploy: {ws}/registry/production/lock.json: is not a registry rollout lock of schema version 1; was the registry written by another tool?",
  }),
  deployCase({
    id: "deploy/lock-wrong-types",
    what: "a lock.json of wrong types",
    setup: registryWith("lock.json", "deploy/lock-wrong-types.json"),
    args: deploy(),
    exit: 2,
    message:
      "mlgate deploy: {ws}/registry/production/lock.json: is not a registry rollout lock of schema version 1 (field id is missing); was the registry written by another tool?",
  }),
  deployCase({
    id: "deploy/manifest-truncated",
    what: "the champion's manifest.json cut short",
    setup: registryWith("versions/v2/manifest.json", "deploy/manifest-truncated.json"),
    args: deploy(),
    exit: 2,
    message:
      "mlgate deploy: {ws}/registry/production/versions/v2/manifest.json: is not a registry version manifest of schema version 1; was the registry written by another tool?",
  }),
  deployCase({
    id: "deploy/report-truncated",
    what: "a gate report in --reports cut short",
    setup: (s) => {
      copyFileSync(path.join(CORPUS, "deploy/report-truncated.json"), path.join(s.ws, "evidence", "broken.json"));
    },
    args: deploy(),
    exit: 2,
    message: "mlgate deploy: --reports evidence/broken.json: is not valid JSON (Unexpected end of JSON input)",
  }),
  deployCase({
    id: "deploy/report-array",
    what: "a JSON array among the gate reports (skipped with a note: not an mlgate report)",
    setup: (s) => {
      copyFileSync(path.join(CORPUS, "deploy/report-array.json"), path.join(s.ws, "evidence", "array.json"));
    },
    args: deploy(),
    exit: 0,
    message: "pass: deployed production v2 (b743bccbf45d) to production via direct; v2 serves production",
  }),
  deployCase({
    id: "deploy/http-unreachable",
    what: "--target http://127.0.0.1:1 (nothing listens; the admin token comes from the environment)",
    args: [...deploy(), "--target", "http://127.0.0.1:1"],
    exit: 2,
    message:
      "mlgate deploy: cannot reach mlgate serve at http://127.0.0.1:1 (bad port on GET /v1/admin/models/production): is it running at that address?",
  }),
  deployCase({
    id: "deploy/target-ftp",
    what: "--target ftp://x",
    args: [...deploy(), "--target", "ftp://x"],
    exit: 2,
    message: 'mlgate deploy: --target "ftp://x" is not a target; use registry:DIR, http(s)://HOST:PORT or command:SCRIPT',
  }),
  {
    id: "deploy/command-outside",
    what: "--target command: naming a script outside the workspace (in Actions)",
    files: { "model.onnx": CANDIDATE },
    setup: (s) => {
      evidence(s);
      writeFileSync(path.join(s.outside, "deploy.sh"), `#!/bin/sh\necho ${SENTINEL} > "$HOME/pwned"\n`, { mode: 0o755 });
    },
    args: [...deploy("--no-publish"), "--target", "command:../outside/deploy.sh"],
    actions: true,
    writes: ["registry"],
    exit: 2,
    message:
      "mlgate deploy: --target ../outside/deploy.sh: is outside the allowed folders (the workspace {ws}, $RUNNER_TEMP {tmp}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace",
  },
  {
    id: "deploy/model-symlink-outside",
    what: "a model symlinked outside the workspace (in Actions)",
    setup: (s) => {
      copyFileSync(path.join(CORPUS, CANDIDATE), path.join(s.outside, "model.onnx"));
      symlinkSync(path.join(s.outside, "model.onnx"), path.join(s.ws, "model.onnx"));
      evidence(s);
    },
    args: deploy("--no-publish"),
    actions: true,
    writes: ["registry"],
    exit: 2,
    message:
      "mlgate deploy: --model model.onnx: resolves to {outside}/model.onnx, which is outside the allowed folders (the workspace {ws}, $RUNNER_TEMP {tmp}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace",
  },
  // ── serve: startup, then hostile requests over HTTP ──────────────────────────────────────
  {
    id: "serve/not-onnx",
    what: "mlgate serve --model on a text file",
    files: { "m.onnx": "onnx/not-onnx.onnx" },
    args: ["serve", "--model", "m.onnx", "--port", "0"],
    exit: 2,
    message:
      "mlgate serve: --model m.onnx: is not a loadable ONNX model (onnxruntime: Failed to load model because protobuf parsing failed)",
  },
  {
    id: "serve/registry-aliases-garbage",
    what: "mlgate serve --registry with aliases.json cut short",
    files: { "good-request.json": "serve/good-request.json" },
    setup: registryWith("aliases.json", "deploy/aliases-truncated.json"),
    args: ["serve", "--registry", "registry", "--port", "0", "--timeout", "5s"],
    writes: ["registry"],
    exit: 0,
    message: "",
    http: [
      { method: "GET", path: "/v2/models/production/ready", status: 503 },
      {
        path: "/v2/models/production/infer",
        body: { file: "good-request.json" },
        status: 503,
        error: 'model "production" has no version to serve: its registry files could not be applied (see /v1/status)',
      },
    ],
  },
  {
    id: "serve/bodies",
    what: "request bodies of wrong shapes, types and names, truncated JSON, a prototype key",
    files: {
      "model.onnx": CANDIDATE,
      "shape-mismatch.json": "serve/shape-mismatch.json",
      "strings-as-fp32.json": "serve/strings-as-fp32.json",
      "unknown-datatype.json": "serve/unknown-datatype.json",
      "negative-shape.json": "serve/negative-shape.json",
      "huge-shape.json": "serve/huge-shape.json",
      "inputs-not-list.json": "serve/inputs-not-list.json",
      "truncated.json": "serve/truncated.json",
      "proto-wrong-input.json": "serve/proto-wrong-input.json",
      "good-request.json": "serve/good-request.json",
    },
    args: serve,
    exit: 0,
    message: "",
    http: [
      {
        path: INFER,
        body: { file: "shape-mismatch.json" },
        status: 400,
        error: 'input "features": expected shape [-1,7] (FP32), got [1,3]',
      },
      {
        path: INFER,
        body: { file: "strings-as-fp32.json" },
        status: 400,
        error:
          'input "features": element 0 is "a", not a number (FP32; NaN and infinities as the strings "NaN", "Infinity", "-Infinity")',
      },
      {
        path: INFER,
        body: { file: "unknown-datatype.json" },
        status: 400,
        error: 'input "features": expected datatype FP32, got "COMPLEX128"',
      },
      {
        path: INFER,
        body: { file: "negative-shape.json" },
        status: 400,
        error: 'input "features": expected shape [-1,7] (FP32), got shape [-1,7]; give every dimension as a whole number',
      },
      {
        path: INFER,
        body: { file: "huge-shape.json" },
        status: 400,
        error: 'input "features": expected shape [-1,7] (FP32), got [4294967296,4294967296]',
      },
      {
        path: INFER,
        body: { file: "inputs-not-list.json" },
        status: 400,
        error: 'the request needs "inputs": an array of tensors {"name","shape","datatype","data"}',
      },
      {
        path: INFER,
        body: { file: "truncated.json" },
        status: 400,
        error: "the request body is not valid JSON (Expected ',' or ']' after array element in JSON at position 86)",
      },
      {
        path: INFER,
        body: { file: "proto-wrong-input.json" },
        status: 400,
        error: 'input "nope" is not an input of model "model" version 1 (its inputs: "features")',
      },
      { path: INFER, body: { file: "good-request.json" }, status: 200 },
    ],
  },
  {
    id: "serve/large-bodies",
    what: "100,000 nested arrays; 2M numbers for a [1, 7] tensor; 262,144 rows in one request (generated)",
    files: { "model.onnx": CANDIDATE, "good-request.json": "serve/good-request.json" },
    setup: (s) => {
      genBodies(s.ws, ["deep-arrays.json", "giant-array.json", "many-rows.json"]);
    },
    args: ["serve", "--model", "model.onnx", "--port", "0", "--max-body", "64mb", "--timeout", "20s"],
    exit: 0,
    message: "",
    http: [
      {
        path: INFER,
        body: { file: "deep-arrays.json" },
        status: 400,
        error: "the request body nests arrays or objects deeper than 64 levels",
      },
      {
        path: INFER,
        body: { file: "giant-array.json" },
        status: 400,
        error: 'input "features": shape [1,7] needs 7 elements, got 2000000',
      },
      { path: INFER, body: { file: "many-rows.json" }, status: 200 },
      { path: INFER, body: { file: "good-request.json" }, status: 200 },
    ],
  },
  {
    id: "serve/lying-headers",
    what: "a Content-Length of 10^18, a body shorter than its Content-Length, an admin call with a wrong token",
    files: { "model.onnx": CANDIDATE, "good-request.json": "serve/good-request.json" },
    args: serve,
    exit: 0,
    message: "",
    http: [
      {
        path: INFER,
        raw: `POST ${INFER} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000000000000\r\n\r\n{}`,
        status: 413,
        error: "the request body is larger than the limit of 1048576 bytes",
      },
      {
        path: INFER,
        raw: `POST ${INFER} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{"inputs": [`,
        status: 504,
        error: "no answer within 2000 ms (--timeout)",
      },
      {
        method: "GET",
        path: "/v1/admin/status",
        headers: { authorization: "Bearer wrong" },
        status: 401,
        error: "the bearer token is not the admin token",
      },
      { path: INFER, body: { file: "good-request.json" }, status: 200 },
    ],
  },
];

import path from "node:path";
import type { Command, CommandContext } from "../../cli/command.js";
import type { OnnxGateConfig } from "../../core/config.js";
import { baselineCrashSentence, CrashRecord } from "../../core/crash-record.js";
import { ConfigurationError } from "../../core/errors.js";
import { assertNotLfsPointer } from "../../core/lfs.js";
import { sha256File, subjectOf } from "../../core/hash.js";
import type { Report, Subject } from "../../core/report.js";
import { expandGlob, hasGlob } from "./glob.js";
// onnxruntime-node and the ONNX protobuf load only when this gate runs (every other command starts faster).
import type { ModelFile } from "./inspect.js";

function display(ctx: CommandContext, abs: string): string {
  const rel = path.relative(ctx.cwd, abs);
  return rel && !rel.startsWith("..") ? rel : abs;
}

/** `--model` values (repeatable, globs allowed) or gates.onnx.model, as checked absolute paths. */
function modelPaths(ctx: CommandContext, cfg: OnnxGateConfig): string[] {
  const given = ctx.list("model");
  const patterns = given.length ? given : cfg.model ? [cfg.model] : [];
  const flag = given.length ? "--model" : "gates.onnx.model";
  if (!patterns.length) throw new ConfigurationError("--model is required (an ONNX file or a glob such as models/*.onnx)");
  const out: string[] = [];
  for (const p of patterns) {
    if (!hasGlob(p)) {
      out.push(ctx.resolvePath(p, { flag, kind: "file" }));
      continue;
    }
    const found = expandGlob(p, ctx.cwd, flag);
    if (!found.length) throw new ConfigurationError(`${flag} ${p}: matches no files`);
    for (const f of found) out.push(ctx.resolvePath(f, { flag, kind: "file" }));
  }
  return [...new Set(out)];
}

async function read(
  ctx: CommandContext,
  abs: string,
  role: string,
  inputs: Record<string, string>,
): Promise<{ file: ModelFile; subject: Subject }> {
  const shown = display(ctx, abs);
  assertNotLfsPointer(abs, `${role === "baseline" ? "--baseline" : "--model"} ${shown}`);
  const { readModelFile } = await import("./inspect.js");
  const file = readModelFile(abs, shown);
  const subject = await subjectOf(abs, shown, role);
  inputs[shown] = subject.sha256;
  for (const e of file.external) inputs[display(ctx, e.path)] = await sha256File(e.path);
  return { file, subject };
}

export const onnxCommand: Command = {
  name: "onnx",
  gate: "onnx",
  summary: "Will this ONNX model load and compute the same numbers in the onnxruntime we serve with?",
  usage: ["onnx --model FILE|GLOB [--test-data DIR] [--baseline FILE] [--config FILE] [--json FILE]"],
  description: [
    "Inspects each model (IR, opsets, operators, parameters, signature), applies the policy in",
    "gates.onnx (target onnxruntime, opsets, operators, domains, size, metadata), loads it in onnxruntime",
    "with graph optimisation disabled and all, compares outputs with reference data in the ONNX test",
    "layout, and on synthesised inputs checks NaN/Inf, determinism, optimisation parity, batch",
    "invariance and a sweep over the symbolic dimensions. With --baseline it checks the serving",
    "contract and, when gates.onnx.latency.max_ratio is set, latency against the baseline.",
  ].join("\n"),
  options: {
    model: { type: "string", multiple: true, valueName: "FILE|GLOB", description: "ONNX model(s) to check; quote globs." },
    "test-data": { type: "string", valueName: "DIR", description: "Reference data: DIR/test_data_set_N/{input,output}_K.pb." },
    baseline: { type: "string", valueName: "FILE", description: "The model in production, for the serving contract." },
  },
  async run(ctx): Promise<Report> {
    const cfg: OnnxGateConfig = ctx.config.gates?.onnx ?? {};
    const [{ onnxGate }, { readTestData }, { targetOrt }] = await Promise.all([
      import("./gate.js"),
      import("./testdata.js"),
      import("./policy.js"),
    ]);
    targetOrt(cfg);
    const inputs: Record<string, string> = {};
    const paths = modelPaths(ctx, cfg);
    const models: ModelFile[] = [];
    const subjects: Subject[] = [];
    for (const p of paths) {
      const r = await read(ctx, p, "candidate", inputs);
      models.push(r.file);
      subjects.push(r.subject);
    }
    const baselineArg = ctx.str("baseline") ?? cfg.baseline;
    const baseline = baselineArg
      ? await read(
          ctx,
          ctx.resolvePath(baselineArg, { flag: ctx.str("baseline") ? "--baseline" : "gates.onnx.baseline", kind: "file" }),
          "baseline",
          inputs,
        )
      : undefined;
    const tdArg = ctx.str("test-data") ?? cfg.test_data;
    let testData;
    if (tdArg) {
      const dir = ctx.resolvePath(tdArg, { flag: ctx.str("test-data") ? "--test-data" : "gates.onnx.test_data", kind: "dir" });
      testData = readTestData(dir, display(ctx, dir));
      for (const s of testData) for (const t of [...s.inputs, ...s.outputs]) inputs[t.display] = t.sha256;
    }
    const runtime = CrashRecord.of(ctx.env);
    const baselineCrash = baseline ? runtime?.crashOf("baseline", baseline.file.display) : undefined;
    if (baselineCrash) throw new ConfigurationError(baselineCrashSentence(baselineCrash));
    ctx.progress(`checking ${models.length} model(s)${baseline ? ` against ${baseline.subject.path}` : ""}`);
    return onnxGate({
      models,
      subjects,
      config: cfg,
      inputs,
      progress: ctx.progress,
      ...(runtime ? { runtime } : {}),
      ...(baseline ? { baseline } : {}),
      ...(testData ? { testData } : {}),
    });
  },
};

import type * as ort from "onnxruntime-node";
import { isWaived, type OnnxGateConfig } from "../../core/config.js";
import { crashSentence, watchedRun, type Crash, type RuntimeFile, type RuntimeWatch } from "../../core/crash-record.js";
import { makeReport, type Check, type Report, type Subject } from "../../core/report.js";
import { batchChecks } from "./batch.js";
import { determinismChecks } from "./determinism.js";
import { modelKeys, withModelKey } from "./ids.js";
import { inspectModel, type ModelFile, type ModelInfo } from "./inspect.js";
import { latencyCheck, measureLatency, type LatencyStats } from "./latency.js";
import { loadCheck, loadSession } from "./load.js";
import { numericChecks } from "./numeric.js";
import { installedOrt } from "./ort-support.js";
import { matchTestSet, optimizationParity, referenceParity } from "./parity.js";
import { policyChecks, settleOpsetFloor, targetOrt } from "./policy.js";
import { randomOutputs, skipRandomOutputs } from "./random.js";
import { runSession, type Outputs, type RunResult } from "./run.js";
import { onnxMetrics, onnxSections, type ModelSummary } from "./sections.js";
import { shapeChecks } from "./shape.js";
import { baselineParity, signatureChecks } from "./signature.js";
import {
  choiceOf,
  planDims,
  synthFeed,
  unresolvedInputs,
  unsupportedInputs,
  type DimPlan,
  type Feed,
  type Origin,
} from "./synth.js";
import type { TestSet } from "./testdata.js";

export interface OnnxGateInput {
  /** Candidate models, in the order the user named them; `subjects` is parallel to it. */
  models: ModelFile[];
  subjects: Subject[];
  baseline?: { file: ModelFile; subject: Subject };
  testData?: TestSet[];
  config: OnnxGateConfig;
  /** Every input file read, by path, with its SHA-256 (provenance). */
  inputs: Record<string, string>;
  progress?: (message: string) => void;
  /** The crash guard's record (src/cli/crash-guard.ts): told which model onnxruntime gets, it knows which crashed before. */
  runtime?: RuntimeWatch;
}

interface Baseline {
  info: ModelInfo;
  session?: ort.InferenceSession;
  /** For the crash guard's marker: its runs happen inside a candidate's checks. */
  file: RuntimeFile;
  watch?: RuntimeWatch;
}

/** The largest configured value of every symbolic dimension: one run exercises the biggest shapes. */
function largest(plan: DimPlan): Map<string, number> {
  return new Map([...plan.values].map(([k, v]) => [k, Math.max(...v)]));
}

function smallest(plan: DimPlan): Map<string, number> {
  return new Map([...plan.values].map(([k, v]) => [k, Math.min(...v)]));
}

/** The candidate's inputs as the baseline's feed, when the baseline declares them compatibly. */
function restrict(feed: Feed, info: ModelInfo): Feed | undefined {
  const out: Feed = {};
  for (const v of info.inputs) {
    const t = feed[v.name];
    if (!t || t.elemType !== v.elemType) return undefined;
    if (v.hasShape && (v.dims.length !== t.dims.length || v.dims.some((d, i) => typeof d === "number" && d !== t.dims[i])))
      return undefined;
    out[v.name] = t;
  }
  return out;
}

/** The feed the runtime checks judge: the first reference set's inputs, else synthesised ones. */
interface Probe {
  feed: Feed;
  origin: Origin;
  /** The value of each symbolic dimension in the feed. */
  base: Map<string, number>;
  /** The reference outputs for the feed (empty for synthesised inputs). */
  expected: Outputs;
}

/** The p95 checks: at the reference batch (on the reference inputs), or at each configured batch size. */
async function latencyChecks(
  info: ModelInfo,
  optimized: ort.InferenceSession,
  plan: DimPlan,
  probe: Probe,
  cfg: OnnxGateConfig,
  baseline: Baseline | undefined,
): Promise<{ checks: Check[]; latency: LatencyStats[] }> {
  const checks: Check[] = [];
  const latency: LatencyStats[] = [];
  const refBatch = plan.batch && probe.origin === "reference" ? probe.base.get(plan.batch) : undefined;
  // Without a symbolic batch the model's own leading dim is the batch it is timed at.
  const lead = probe.origin === "reference" ? probe.feed[info.inputs[0]?.name ?? ""]?.dims[0] : info.inputs[0]?.dims[0];
  const sizes = plan.batch ? (cfg.latency?.batch_sizes ?? [refBatch ?? 1]) : [typeof lead === "number" ? lead : 1];
  for (const b of [...new Set(sizes)]) {
    const reference = probe.origin === "reference" && (!plan.batch || b === refBatch);
    let f = probe.feed;
    if (!reference) {
      const choice = new Map(probe.base);
      if (plan.batch) choice.set(plan.batch, b);
      f = synthFeed(info.inputs, choice);
    }
    const trial = await runSession(optimized, f);
    if (!trial.ok) {
      checks.push({
        id: `latency.batch_${b}`,
        title: `p95 latency at batch ${b}`,
        status: reference ? "fail" : "warn",
        observed: "run failed",
        message: reference
          ? `The model does not run at batch ${b} on the reference inputs: ${trial.error}`
          : `The model does not run at batch ${b} on synthesised inputs: ${trial.error}. Only synthesised inputs provoke this, so it is a warning.`,
        details: { inputs: reference ? "reference" : "synthesised" },
      });
      continue;
    }
    const bf = baseline?.session ? restrict(f, baseline.info) : undefined;
    const s = await measureLatency(
      optimized,
      f,
      b,
      cfg,
      baseline?.session && bf
        ? {
            session: baseline.session,
            feed: bf,
            firstRun: (run) => watchedRun(baseline.watch, baseline.file, run),
          }
        : undefined,
    );
    latency.push(s);
    checks.push(latencyCheck(s, cfg));
  }
  return { checks, latency };
}

/**
 * Runtime checks: reference parity on every test set; numeric, determinism, optimisation parity,
 * batch invariance, the baseline comparison and latency on the reference inputs when there are
 * any, else on synthesised ones; the sweep over symbolic dims on synthesised inputs.
 */
async function runtimeChecks(
  model: ModelFile,
  info: ModelInfo,
  plain: ort.InferenceSession,
  optimized: ort.InferenceSession,
  input: OnnxGateInput,
  baseline: Baseline | undefined,
): Promise<{ checks: Check[]; latency: LatencyStats[]; ran: boolean }> {
  const cfg = input.config;
  const checks: Check[] = [];
  const plan = planDims(info.inputs, cfg.dims);
  let probe: Probe | undefined;
  if (input.testData?.length) {
    checks.push(...(await referenceParity(optimized, input.testData, info.inputs, info.outputs, model.display, cfg)));
    const m = matchTestSet(input.testData[0]!, info.inputs, info.outputs, model.display);
    const feed = m.feed;
    probe = {
      feed,
      origin: "reference",
      base: choiceOf(info.inputs, feed),
      expected: Object.fromEntries(m.expected.map((e) => [e.output, e.tensor])),
    };
  }
  const why = unsupportedInputs(info.inputs);
  if (why && !probe) {
    checks.push({
      id: "shape.inputs",
      title: "Inputs can be synthesised",
      status: "skip",
      message: `The gate cannot build inputs for ${why}; runtime checks need --test-data.`,
    });
    return { checks, latency: [], ran: false };
  }
  let first: RunResult;
  if (probe) first = await runSession(optimized, probe.feed);
  else {
    let base = largest(plan);
    let feed = synthFeed(info.inputs, base);
    first = await runSession(optimized, feed);
    if (!first.ok) {
      // Broken at the largest shapes (the sweep says so): judge the numbers at the smallest ones.
      base = smallest(plan);
      feed = synthFeed(info.inputs, base);
      first = await runSession(optimized, feed);
    }
    probe = { feed, origin: "synthesised", base, expected: {} };
  }
  // A reference run that fails already failed parity.<set>.run; the checks below would repeat it.
  const second = first.ok ? await runSession(optimized, probe.feed) : first;
  const noOpt = first.ok ? await runSession(plain, probe.feed) : first;
  // An output that differs between two identical runs cannot be judged by comparing runs.
  const unstable = new Set<string>();
  if (first.ok && second.ok && noOpt.ok) {
    const det = determinismChecks(first.outputs, second.outputs);
    for (const c of det) if (c.status === "fail" && typeof c.details?.output === "string") unstable.add(c.details.output);
    checks.push(
      ...numericChecks(first.outputs, probe.origin, probe.expected),
      ...det,
      ...optimizationParity(first.outputs, noOpt.outputs, cfg, unstable),
    );
  }
  if (!why) {
    const reference = probe.origin === "reference" ? probe.feed : undefined;
    checks.push(...(await batchChecks(optimized, info.inputs, plan, probe.base, cfg, unstable, reference)));
    checks.push(...(await shapeChecks(optimized, info.inputs, info.outputs, plan)));
  }
  const baseFeed = baseline ? restrict(probe.feed, baseline.info) : undefined;
  if (baseline?.session && cfg.baseline_tolerance && first.ok) {
    const session = baseline.session;
    const theirs = baseFeed ? await watchedRun(baseline.watch, baseline.file, () => runSession(session, baseFeed)) : undefined;
    if (theirs?.ok) checks.push(...baselineParity(first.outputs, theirs.outputs, cfg));
    else
      checks.push({
        id: "parity.baseline",
        title: "Outputs match the baseline",
        status: "skip",
        message: theirs
          ? `The baseline failed on the same inputs: ${theirs.error}`
          : "The baseline takes different inputs, so outputs cannot be compared.",
      });
  }
  if (why && probe.origin === "reference") {
    // Reference inputs of a type the gate cannot make up: the latency is timed on them alone.
    plan.values.clear();
    delete plan.batch;
  }
  const timed =
    first.ok || probe.origin === "synthesised"
      ? await latencyChecks(info, optimized, plan, probe, cfg, baseline)
      : { checks: [], latency: [] };
  return { checks: [...checks, ...timed.checks], latency: timed.latency, ran: first.ok };
}

async function checkModel(
  model: ModelFile,
  subject: Subject,
  input: OnnxGateInput,
  baseline: Baseline | undefined,
): Promise<ModelSummary> {
  const cfg = input.config;
  const info = inspectModel(model);
  const checks: Check[] = [...policyChecks(info, cfg)];
  if (baseline) checks.push(...signatureChecks(info, baseline.info));
  const plain = await loadSession(model, "disabled");
  const optimized = await loadSession(model, "all");
  checks.push(loadCheck(plain), loadCheck(optimized));
  let latency: LatencyStats[] = [];
  let ran = false;
  try {
    if (plain.session && optimized.session) {
      const r = await runtimeChecks(model, info, plain.session, optimized.session, input, baseline);
      checks.push(...r.checks);
      latency = r.latency;
      ran = r.ran;
    }
  } finally {
    await plain.session?.release();
    await optimized.session?.release();
  }
  skipUnresolved(checks, unresolvedInputs(info.inputs));
  skipRandomOutputs(checks, randomOutputs(model.proto, knownInputs(input.testData, info, model.display)));
  settleOpsetFloor(checks, Boolean(plain.session && optimized.session), ran);
  const failed = plain.session ? optimized : plain;
  const load: ModelSummary["load"] = { disabled: Boolean(plain.session), all: Boolean(optimized.session) };
  if (failed.error) load.error = failed.error;
  if (failed.op) load.op = failed.op;
  return { display: model.display, sha256: subject.sha256, info, load, latency, checks };
}

/** A model that crashed onnxruntime in an earlier run of this gate: its static checks, and a failed load.crash. */
function crashedModel(
  model: ModelFile,
  subject: Subject,
  input: OnnxGateInput,
  baseline: Baseline | undefined,
  crash: Crash,
): ModelSummary {
  const info = inspectModel(model);
  const checks: Check[] = [...policyChecks(info, input.config)];
  if (baseline) checks.push(...signatureChecks(info, baseline.info));
  const message = crashSentence(crash);
  checks.push({
    id: "load.crash",
    title: "onnxruntime survives the model",
    status: "fail",
    observed: `crashed (${crash.signal})`,
    expected: "loads and runs, or fails with an error",
    message,
    file: model.display,
  });
  settleOpsetFloor(checks, false, false);
  return {
    display: model.display,
    sha256: subject.sha256,
    info,
    load: { disabled: false, all: false, error: message },
    latency: [],
    checks,
  };
}

/**
 * A run on made-up inputs that failed while an input reaches a position whose valid values the gate
 * cannot choose (MaxUnpool's output_shape …) says nothing about the model: skipped, with the reason.
 */
function skipUnresolved(checks: Check[], unresolved: string[]): void {
  if (!unresolved.length) return;
  for (const c of checks) {
    const failedRun = c.observed === "run failed" || (c.id === "batch.invariance" && c.status === "warn");
    if (c.status !== "warn" || c.details?.inputs !== "synthesised" || !failedRun) continue;
    c.status = "skip";
    c.message =
      `Not judged on synthesised inputs: ${unresolved.join("; ")}, and the gate cannot choose valid values for that (--test-data decides it). ${c.message ?? ""}`.trim();
  }
}

/** Every reference set's inputs, for telling a constant-off Dropout from a random one. */
function knownInputs(sets: TestSet[] | undefined, info: ModelInfo, display: string): Feed[] {
  try {
    return (sets ?? []).map((s) => matchTestSet(s, info.inputs, info.outputs, display).feed);
  } catch {
    // Sets that do not fit the model already said so (parity.*) or the model did not load.
    return [];
  }
}

function waive(checks: Check[], waivers: string[] | undefined): void {
  for (const c of checks) {
    if (c.status === "fail" && isWaived(c.id, waivers)) {
      c.status = "warn";
      c.message = `Waived by gates.onnx.waive. ${c.message ?? ""}`.trim();
    }
  }
}

function summaryOf(models: ModelSummary[], checks: Check[], target: string): string {
  const failed = checks.filter((c) => c.status === "fail");
  const warned = checks.filter((c) => c.status === "warn");
  const scope = models.length === 1 ? models[0]!.display : `${models.length} models`;
  if (failed.length) {
    const bad = models.filter((m) => m.checks.some((c) => c.status === "fail"));
    const ids = failed
      .slice(0, 3)
      .map((c) => c.id)
      .join(", ");
    const who = models.length > 1 ? `${bad.length} of ${models.length} models failed; ` : "";
    return `${scope}: ${who}${failed.length} check(s) failed (${ids}${failed.length > 3 ? ", …" : ""}) against onnxruntime ${target}`;
  }
  return `${scope}: loads and runs in onnxruntime ${target}; ${checks.length - warned.length} check(s) passed${warned.length ? `, ${warned.length} warning(s)` : ""}`;
}

/** The ONNX gate: will these models load and compute the same numbers in the runtime we serve with? */
export async function onnxGate(input: OnnxGateInput): Promise<Report> {
  const cfg = input.config;
  const target = targetOrt(cfg).ort;
  let baseline: Baseline | undefined;
  const gateChecks: Check[] = [];
  const watch = input.runtime;
  if (input.baseline) {
    const b = input.baseline.file;
    const file: RuntimeFile = { file: b.path, display: b.display, role: "baseline" };
    watch?.enter(file);
    const loaded = await loadSession(b, "all");
    watch?.enter(undefined);
    baseline = {
      info: inspectModel(input.baseline.file),
      file,
      ...(watch ? { watch } : {}),
      ...(loaded.session ? { session: loaded.session } : {}),
    };
    if (!loaded.session) {
      gateChecks.push({
        id: "load.baseline",
        title: "The baseline loads in onnxruntime",
        status: "warn",
        observed: loaded.op ? `fails at operator ${loaded.op}` : "fails",
        message: `onnxruntime: ${loaded.error ?? "unknown error"}. Output parity and the latency ratio against the baseline are not judged.`,
        file: input.baseline.file.display,
      });
    }
  }
  const keys = input.models.length > 1 ? modelKeys(input.models.map((m) => m.display)) : [];
  const summaries: ModelSummary[] = [];
  try {
    for (const [i, model] of input.models.entries()) {
      input.progress?.(`${model.display} (${i + 1}/${input.models.length})`);
      const crash = watch?.crashOf("candidate", model.display);
      watch?.enter(crash ? undefined : { file: model.path, display: model.display, role: "candidate" });
      const s = crash
        ? crashedModel(model, input.subjects[i]!, input, baseline, crash)
        : await checkModel(model, input.subjects[i]!, input, baseline);
      watch?.enter(undefined);
      waive(s.checks, cfg.waive);
      if (keys.length) {
        for (const c of s.checks) {
          c.id = withModelKey(c.id, keys[i]);
          c.file ??= model.display;
        }
      }
      summaries.push(s);
    }
  } finally {
    await baseline?.session?.release();
  }
  const checks = [...gateChecks, ...summaries.flatMap((s) => s.checks)];
  const subjects = [...input.subjects, ...(input.baseline ? [input.baseline.subject] : [])];
  return makeReport({
    gate: "onnx",
    checks,
    summary: summaryOf(summaries, checks, target),
    subject: input.subjects[0]!,
    subjects,
    metrics: onnxMetrics(summaries, target, installedOrt()),
    sections: onnxSections(summaries),
    inputs: input.inputs,
  });
}

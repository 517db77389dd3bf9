#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  choiceOf,
  compareTensors,
  comparisonCheck,
  planDims,
  sliceRows,
  synthFeed,
  toleranceFor,
  unravel,
  unresolvedInputs,
  unstableCheck,
  unsupportedInputs
} from "./chunk-ULXXDKME.js";
import {
  isWaived
} from "./chunk-UBWSVVVQ.js";
import "./chunk-AYZAZZX6.js";
import "./chunk-ENG5Z6VT.js";
import {
  idSegment,
  installedOrt,
  modelKeys,
  policyChecks,
  settleOpsetFloor,
  targetOrt,
  withModelKey
} from "./chunk-7L6TGAJT.js";
import {
  DEFAULT_DOMAIN,
  domainName,
  formatDims,
  inspectModel
} from "./chunk-I5TC7TDL.js";
import "./chunk-E4IFUBZY.js";
import {
  crashSentence,
  watchedRun
} from "./chunk-PVVQWW7F.js";
import {
  RUN_OPTIONS,
  cleanOrtMessage,
  loadCheck,
  loadSession
} from "./chunk-JK64J7JW.js";
import "./chunk-ULEDS62O.js";
import {
  dtypeName,
  fromOrtTensor,
  isFloatType,
  numberAt,
  onnx,
  tensorFromProto,
  toNumber,
  toOrtTensor
} from "./chunk-JHJN2HAN.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";
import {
  makeReport
} from "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";

// src/gates/onnx/run.ts
async function runSession(session, feed) {
  const feeds = {};
  for (const [name, t] of Object.entries(feed)) feeds[name] = toOrtTensor(t);
  const t0 = performance.now();
  try {
    const res = await session.run(feeds, RUN_OPTIONS);
    const ms = performance.now() - t0;
    const outputs = {};
    for (const name of session.outputNames) {
      const t = res[name];
      if (t) outputs[name] = fromOrtTensor(t);
    }
    return { ok: true, outputs, ms };
  } catch (e) {
    return { ok: false, error: cleanOrtMessage(errorMessage(e)) };
  }
}

// src/gates/onnx/batch.ts
var MAX_ROWS = 8;
function concatRows(parts) {
  const first = parts[0];
  const dims = [parts.reduce((a, p) => a + (p.dims[0] ?? 0), 0), ...first.dims.slice(1)];
  if (Array.isArray(first.data)) {
    return { elemType: first.elemType, dims, data: parts.flatMap((p) => p.data) };
  }
  const total = parts.reduce((a, p) => a + p.data.length, 0);
  const Ctor = first.data.constructor;
  const out = new Ctor(total);
  let at = 0;
  for (const p of parts) {
    out.set(p.data, at);
    at += p.data.length;
  }
  return { elemType: first.elemType, dims, data: out };
}
async function batchChecks(session, inputs, plan, base, cfg, unstable = /* @__PURE__ */ new Set(), reference) {
  if (!plan.batch) return [];
  const refRows = reference ? Math.min(...Object.values(reference).map((t) => t.dims[0] ?? 0)) : 0;
  const origin = refRows >= 2 ? "reference" : "synthesised";
  const size = origin === "reference" ? refRows : Math.max(...plan.values.get(plan.batch) ?? [1]);
  if (size < 2) {
    return [
      {
        id: "batch.invariance",
        title: "Row-by-row equals batched",
        status: "skip",
        message: `Only batch size 1 is configured for ${plan.batch} (gates.onnx.dims)${reference ? " and the reference inputs hold one row" : ""}, so there is nothing to compare.`
      }
    ];
  }
  let feed;
  if (origin === "reference") feed = reference;
  else {
    const choice = new Map(base);
    choice.set(plan.batch, size);
    feed = synthFeed(inputs, choice);
  }
  const on = origin === "reference" ? "the reference inputs" : "synthesised inputs";
  const runFailed = (message) => [
    {
      id: "batch.invariance",
      title: `Row-by-row equals batched on ${on}`,
      status: origin === "reference" ? "fail" : "warn",
      message: origin === "reference" ? message : `${message} Only synthesised inputs provoke this, so it is a warning.`,
      details: { inputs: origin }
    }
  ];
  const batched = await runSession(session, feed);
  if (!batched.ok) return runFailed(`The batched run (batch ${size}) failed on ${on}: ${batched.error}`);
  const rows = Math.min(size, MAX_ROWS);
  const perRow = {};
  for (let r = 0; r < rows; r++) {
    const one = {};
    for (const [k, t] of Object.entries(feed)) one[k] = sliceRows(t, r, 1);
    const res = await runSession(session, one);
    if (!res.ok) return runFailed(`Row ${r} of ${on} run alone failed: ${res.error}`);
    for (const [name, t] of Object.entries(res.outputs)) (perRow[name] ??= []).push(t);
  }
  const checks = [];
  for (const [name, whole] of Object.entries(batched.outputs)) {
    const parts = perRow[name];
    if (!parts || whole.dims[0] !== size || parts.some((p) => p.dims[0] !== 1)) continue;
    if (unstable.has(name)) {
      checks.push(
        unstableCheck(`batch.${idSegment(name)}`, `${name}: each row alone equals its row in a batch of ${size}`, name)
      );
      continue;
    }
    const tol = toleranceFor(cfg, name);
    const c = compareTensors(concatRows(parts), sliceRows(whole, 0, rows), tol);
    const check = comparisonCheck(
      `batch.${idSegment(name)}`,
      `${name}: each row alone equals its row in a batch of ${size}`,
      name,
      c,
      tol,
      `${rows} rows of ${on} run one by one vs batch ${size}`
    );
    if (check.status === "fail")
      check.message = `${check.message ?? ""} Some op couples rows along ${plan.batch}: a request's answer depends on its batch mates.`;
    checks.push(check);
  }
  return checks;
}

// src/gates/onnx/determinism.ts
function determinismChecks(first, second) {
  const checks = [];
  for (const [name, a] of Object.entries(first)) {
    const b = second[name];
    if (!b) continue;
    const c = compareTensors(b, a, { rtol: 0, atol: 0 });
    const check = comparisonCheck(
      `determinism.${idSegment(name)}`,
      `${name} is identical across two runs`,
      name,
      c,
      { rtol: 0, atol: 0 },
      "second run vs first"
    );
    if (check.status === "fail")
      check.message = `${check.message ?? ""} A random op without a seed, or a race in a kernel, makes serving results irreproducible.`;
    checks.push(check);
  }
  return checks;
}

// src/gates/onnx/latency.ts
import "onnxruntime-node";
var DEFAULT_RUNS = 100;
var DEFAULT_WARMUP = 10;
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p / 100 * sorted.length)));
  return sorted[rank - 1];
}
var round = (x) => Number(x.toFixed(4));
function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)) };
}
function ortFeed(feed) {
  return Object.fromEntries(Object.entries(feed).map(([k, t]) => [k, toOrtTensor(t)]));
}
async function timed(session, feeds) {
  const t0 = performance.now();
  await session.run(feeds, RUN_OPTIONS);
  return performance.now() - t0;
}
async function measureLatency(session, feed, batch, cfg, baseline) {
  const runs = cfg.latency?.runs ?? DEFAULT_RUNS;
  const warmup = cfg.latency?.warmup ?? DEFAULT_WARMUP;
  const a = ortFeed(feed);
  let b = baseline ? ortFeed(baseline.feed) : void 0;
  if (baseline && b) {
    const bf = b;
    const first = () => baseline.session.run(bf, RUN_OPTIONS);
    await (baseline.firstRun ? baseline.firstRun(first) : first()).catch(() => b = void 0);
  }
  for (let i = 0; i < warmup; i++) {
    await session.run(a, RUN_OPTIONS);
    if (baseline && b) await baseline.session.run(b, RUN_OPTIONS);
  }
  const mine = [];
  const theirs = [];
  for (let i = 0; i < runs; i++) {
    if (baseline && b && i % 2 === 1) theirs.push(await timed(baseline.session, b));
    mine.push(await timed(session, a));
    if (baseline && b && i % 2 === 0) theirs.push(await timed(baseline.session, b));
  }
  const out = { batch, runs, ...stats(mine) };
  if (theirs.length) out.baseline = stats(theirs);
  return out;
}
function latencyCheck(s, cfg) {
  const maxMs = cfg.latency?.max_ms;
  const maxRatio = cfg.latency?.max_ratio;
  const id = `latency.batch_${s.batch}`;
  const title = `p95 latency at batch ${s.batch}`;
  const details = { p50_ms: s.p50, p95_ms: s.p95, p99_ms: s.p99, runs: s.runs };
  if (s.baseline)
    Object.assign(details, { baseline_p50_ms: s.baseline.p50, baseline_p95_ms: s.baseline.p95, baseline_p99_ms: s.baseline.p99 });
  const problems = [];
  const notes = [];
  if (maxMs !== void 0) (s.p95 > maxMs ? problems : notes).push(`p95 ${s.p95} ms ${s.p95 > maxMs ? ">" : "<="} ${maxMs} ms`);
  let ratio;
  if (maxRatio !== void 0) {
    if (!s.baseline) notes.push("max_ratio needs --baseline; not judged");
    else {
      ratio = s.baseline.p95 > 0 ? s.p95 / s.baseline.p95 : 1;
      details.ratio = round(ratio);
      (ratio > maxRatio ? problems : notes).push(
        `p95 ratio to baseline ${ratio.toFixed(2)} ${ratio > maxRatio ? ">" : "<="} ${maxRatio}`
      );
    }
  }
  const judged = maxMs !== void 0 || maxRatio !== void 0 && s.baseline !== void 0;
  return {
    id,
    title,
    status: !judged ? "skip" : problems.length ? "fail" : "pass",
    observed: `p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms`,
    ...judged ? {
      expected: [maxMs !== void 0 ? `p95 <= ${maxMs} ms` : "", ratio !== void 0 ? `ratio <= ${maxRatio}` : ""].filter(Boolean).join(", ")
    } : {},
    message: judged ? `${[...problems, ...notes].join("; ")} (${s.runs} runs, one thread).` : `No latency budget set (gates.onnx.latency.max_ms or max_ratio); measured over ${s.runs} runs, one thread.${notes.length ? ` ${notes.join("; ")}.` : ""}`,
    details
  };
}

// src/gates/onnx/numeric.ts
function numericChecks(outputs, origin, expected = {}) {
  const checks = [];
  const on = origin === "reference" ? "the reference inputs" : "synthesised inputs";
  for (const [name, t] of Object.entries(outputs)) {
    if (!isFloatType(t.elemType)) continue;
    const want = expected[name];
    const sameShape = want && want.dims.length === t.dims.length && want.dims.every((d, i) => d === t.dims[i]);
    let nan = 0;
    let inf = 0;
    let meant = 0;
    let first = -1;
    const n = t.data.length;
    for (let i = 0; i < n; i++) {
      const v = numberAt(t, i);
      if (Number.isFinite(v)) continue;
      if (sameShape) {
        const w = numberAt(want, i);
        if (Number.isNaN(v) && Number.isNaN(w) || v === w) {
          meant++;
          continue;
        }
      }
      if (Number.isNaN(v)) nan++;
      else inf++;
      if (first < 0) first = i;
    }
    const bad = nan + inf;
    const also = meant ? `; ${meant} non-finite element(s) the reference output holds too` : "";
    const check = {
      id: `numeric.${idSegment(name)}`,
      title: `${name} has no NaN or infinity on ${on}`,
      status: bad ? origin === "reference" ? "fail" : "warn" : "pass",
      observed: bad ? `${nan} NaN, ${inf} infinite of ${n}` : meant ? `${n - meant} finite, ${meant} as the reference` : `all ${n} finite`,
      expected: "all finite",
      message: bad ? `${name}[${unravel(first, t.dims).join(", ")}] = ${numberAt(t, first)} on ${on} (${nan} NaN, ${inf} infinite of ${n} elements${also}).${origin === "synthesised" ? " Synthesised values may lie outside the inputs' domain, so this is a warning; --test-data decides it." : ""}` : `All ${n} elements of ${name} are finite on ${on}${also}.`,
      details: { output: name, nan, inf, elements: n, inputs: origin }
    };
    if (bad) {
      check.failedRows = bad;
      check.examples = [{ where: `${name}[${unravel(first, t.dims).join(", ")}]`, value: String(numberAt(t, first)) }];
    }
    checks.push(check);
  }
  return checks;
}

// src/gates/onnx/parity.ts
function pair(files, values) {
  const byName = new Map(values.map((v) => [v.name, v]));
  if (files.every((f) => f.tensor.name !== void 0 && byName.has(f.tensor.name))) {
    const names = files.map((f) => f.tensor.name);
    if (new Set(names).size === names.length) return files.map((f) => ({ value: byName.get(f.tensor.name), file: f }));
  }
  if (files.length !== values.length) return void 0;
  return files.map((f, i) => ({ value: values[i], file: f }));
}
function matchTestSet(set, inputs, outputs, model) {
  const names = (vs) => vs.map((v) => v.name).join(", ");
  if (set.inputs.length !== inputs.length) {
    throw new ConfigurationError(
      `${set.display}: has ${set.inputs.length} input_*.pb file(s) but ${model} takes ${inputs.length} input(s) (${names(inputs)})`
    );
  }
  const ins = pair(set.inputs, inputs);
  const outs = pair(set.outputs, outputs);
  if (!outs) {
    throw new ConfigurationError(
      `${set.display}: has ${set.outputs.length} output_*.pb file(s) but ${model} has ${outputs.length} output(s) (${names(outputs)}) and the tensors are not named after them`
    );
  }
  const feed = {};
  for (const { value, file } of ins) {
    if (file.tensor.elemType !== value.elemType) {
      throw new ConfigurationError(
        `${file.display}: holds ${dtypeName(file.tensor.elemType)} but input "${value.name}" of ${model} is ${value.dtype}`
      );
    }
    feed[value.name] = file.tensor;
  }
  return { feed, expected: outs.map(({ value, file }) => ({ output: value.name, file: file.display, tensor: file.tensor })) };
}
async function referenceParity(session, sets, inputs, outputs, model, cfg) {
  const checks = [];
  for (const set of sets) {
    const m = matchTestSet(set, inputs, outputs, model);
    const res = await runSession(session, m.feed);
    const sid = idSegment(set.name);
    if (!res.ok) {
      checks.push({
        id: `parity.${sid}.run`,
        title: `Runs on ${set.name}`,
        status: "fail",
        message: `onnxruntime: ${res.error}`,
        file: set.display
      });
      continue;
    }
    for (const e of m.expected) {
      const actual = res.outputs[e.output];
      const tol = toleranceFor(cfg, e.output);
      const id = `parity.${sid}.${idSegment(e.output)}`;
      if (!actual) {
        checks.push({
          id,
          title: `${e.output} matches ${e.file}`,
          status: "fail",
          message: `The model returned no ${e.output}.`,
          file: e.file
        });
        continue;
      }
      const c = compareTensors(actual, e.tensor, tol);
      checks.push({
        ...comparisonCheck(id, `${e.output} matches the reference in ${set.name}`, e.output, c, tol, `vs ${e.file}`),
        file: e.file
      });
    }
  }
  return checks;
}
function optimizationParity(optimized, plain, cfg, unstable = /* @__PURE__ */ new Set()) {
  const checks = [];
  for (const [name, ref] of Object.entries(plain)) {
    const got = optimized[name];
    if (!got) continue;
    if (unstable.has(name)) {
      checks.push(
        unstableCheck(`parity.optimization.${idSegment(name)}`, `${name}: optimisation "all" matches "disabled"`, name)
      );
      continue;
    }
    const tol = toleranceFor(cfg, name);
    const c = compareTensors(got, ref, tol);
    checks.push(
      comparisonCheck(
        `parity.optimization.${idSegment(name)}`,
        `${name}: optimisation "all" matches "disabled"`,
        name,
        c,
        tol,
        '"all" vs "disabled"'
      )
    );
  }
  return checks;
}

// src/gates/onnx/random.ts
var RANDOM_OPS = ["Bernoulli", "Multinomial", "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike"];
function subgraphs(n) {
  return (n.attribute ?? []).flatMap((a) => [...a.g ? [a.g] : [], ...a.graphs ?? []]);
}
function constantNumber(name, g, known) {
  if (!name) return void 0;
  if (known.length && known.every((f) => f[name])) {
    const firsts = known.map((f) => f[name].data).map((d) => d.length > 0 && !Array.isArray(d) ? Number(d[0]) : NaN);
    if (firsts.every((v) => v === firsts[0]) && !Number.isNaN(firsts[0])) return firsts[0];
  }
  const init = (g.initializer ?? []).find((t2) => t2.name === name);
  const t = init ?? (g.node ?? []).find((n) => n.opType === "Constant" && n.output?.includes(name))?.attribute?.find((a) => a.t)?.t;
  if (!t) return void 0;
  try {
    const v = tensorFromProto(t instanceof onnx.TensorProto ? t : onnx.TensorProto.fromObject(t));
    return v.data.length > 0 && !Array.isArray(v.data) ? Number(v.data[0]) : void 0;
  } catch {
    return void 0;
  }
}
function randomOp(n, g, opset, known = []) {
  if (domainName(n.domain) !== DEFAULT_DOMAIN) return void 0;
  const op = n.opType ?? "";
  if (RANDOM_OPS.includes(op)) return op;
  if (op !== "Dropout") return void 0;
  if (opset >= 12) {
    const mode = n.input?.[2];
    const off = constantNumber(mode, g, known) === 0 || constantNumber(n.input?.[1], g, known) === 0;
    return mode && !off ? "Dropout (training mode)" : void 0;
  }
  if (opset < 7) {
    const isTest = n.attribute?.find((a) => a.name === "is_test");
    return isTest && toNumber(isTest.i) === 0 ? "Dropout (training mode)" : void 0;
  }
  return void 0;
}
function reads(g) {
  const out = /* @__PURE__ */ new Set();
  for (const n of g.node ?? []) {
    for (const i of n.input ?? []) if (i) out.add(i);
    for (const sub of subgraphs(n)) for (const i of reads(sub)) out.add(i);
  }
  return out;
}
function randomIn(g, opset) {
  const found = [];
  for (const n of g.node ?? []) {
    const r = randomOp(n, g, opset);
    if (r) found.push(r);
    for (const sub of subgraphs(n)) found.push(...randomIn(sub, opset));
  }
  return found;
}
function randomOutputs(model, known = []) {
  const g = model.graph;
  const out = /* @__PURE__ */ new Map();
  if (!g) return out;
  const opset = toNumber(model.opsetImport.find((o) => domainName(o.domain) === DEFAULT_DOMAIN)?.version ?? 0);
  const taint = /* @__PURE__ */ new Map();
  const nodes = g.node ?? [];
  const used = nodes.map((n) => [...(n.input ?? []).filter(Boolean), ...subgraphs(n).flatMap((s) => [...reads(s)])]);
  let changed = true;
  while (changed) {
    changed = false;
    nodes.forEach((n, i) => {
      const from = /* @__PURE__ */ new Set();
      const own = randomOp(n, g, opset, known);
      if (own) from.add(own);
      for (const sub of subgraphs(n)) for (const r of randomIn(sub, opset)) from.add(r);
      for (const name of used[i]) for (const r of taint.get(name) ?? []) from.add(r);
      if (!from.size) return;
      for (const o of n.output ?? []) {
        if (!o) continue;
        const have = taint.get(o) ?? /* @__PURE__ */ new Set();
        const before = have.size;
        for (const r of from) have.add(r);
        if (have.size !== before || !taint.has(o)) {
          taint.set(o, have);
          changed = true;
        }
      }
    });
  }
  for (const v of g.output ?? []) {
    const t = taint.get(v.name ?? "");
    if (t?.size) out.set(v.name ?? "", [...t].sort());
  }
  return out;
}
var COMPARED = /^(parity|determinism|batch)\./;
function skipRandomOutputs(checks, random) {
  if (!random.size) return;
  for (const c of checks) {
    const output = c.details?.output;
    if (typeof output !== "string" || !COMPARED.test(c.id)) continue;
    const ops = random.get(output);
    if (!ops) continue;
    c.status = "skip";
    c.message = `Not judged: ${output} depends on ${ops.join(", ")}, whose values are random draws that no reference or second run is meant to match.`;
    delete c.failedRows;
    delete c.examples;
    c.details = { ...c.details, random_ops: ops.join(", ") };
  }
}

// src/gates/onnx/sections.ts
function opsetText(info) {
  return Object.entries(info.opsets).map(([d, v]) => `${d} ${v}`).join(", ");
}
function verdict(checks) {
  if (checks.some((c) => c.status === "fail")) return "fail";
  if (checks.some((c) => c.status === "warn")) return "warn";
  return "pass";
}
function sizeText(bytes) {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}
function onnxSections(models) {
  const rows = models.map((m) => {
    const lat = m.latency.find((l) => l.batch === 1) ?? m.latency[0];
    return [
      m.display,
      m.info.irVersion,
      opsetText(m.info),
      m.info.ops.length,
      m.info.nodeCount,
      m.info.paramCount,
      sizeText(m.info.totalBytes),
      m.load.disabled && m.load.all ? "yes" : `no${m.load.op ? ` (${m.load.op})` : ""}`,
      lat ? lat.p95 : null,
      verdict(m.checks)
    ];
  });
  const ops = /* @__PURE__ */ new Map();
  for (const m of models) {
    for (const o of m.info.ops) {
      const key = `${o.domain}:${o.op}`;
      const e = ops.get(key) ?? { count: 0, models: 0 };
      e.count += o.count;
      e.models += 1;
      ops.set(key, e);
    }
  }
  const opRows = [...ops.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).map(([key, e]) => {
    const i = key.lastIndexOf(":");
    return models.length > 1 ? [key.slice(0, i), key.slice(i + 1), e.count, e.models] : [key.slice(0, i), key.slice(i + 1), e.count];
  });
  const io = models.flatMap((m) => [
    ...m.info.inputs.map((v) => [m.display, "input", v.name, v.dtype, formatDims(v)]),
    ...m.info.optionalInputs.map((v) => [m.display, "optional input", v.name, v.dtype, formatDims(v)]),
    ...m.info.outputs.map((v) => [m.display, "output", v.name, v.dtype, formatDims(v)])
  ]);
  return [
    {
      kind: "table",
      title: "Models",
      headers: ["Model", "IR", "Opsets", "Op types", "Nodes", "Params", "Size", "Loads", "p95 ms", "Verdict"],
      rows,
      align: ["l", "r", "l", "r", "r", "r", "r", "l", "r", "l"],
      note: "p95 ms: latency at batch 1 (or the model's own batch), one thread."
    },
    {
      kind: "table",
      title: "Operator inventory",
      headers: models.length > 1 ? ["Domain", "Operator", "Nodes", "Models"] : ["Domain", "Operator", "Nodes"],
      rows: opRows,
      align: models.length > 1 ? ["l", "l", "r", "r"] : ["l", "l", "r"],
      note: "Counts include the bodies of If, Loop and Scan."
    },
    { kind: "table", title: "Serving signature", headers: ["Model", "Kind", "Name", "Type", "Shape"], rows: io }
  ];
}
function onnxMetrics(models, targetOrt2, runtime) {
  return {
    target_ort: targetOrt2,
    runtime: `onnxruntime-node ${runtime}`,
    models: models.map((m) => ({
      path: m.display,
      sha256: m.sha256,
      ir_version: m.info.irVersion,
      producer: [m.info.producer, m.info.producerVersion].filter(Boolean).join(" "),
      opsets: m.info.opsets,
      nodes: m.info.nodeCount,
      ops: m.info.ops.map((o) => ({ domain: o.domain, op: o.op, count: o.count })),
      parameters: m.info.paramCount,
      parameter_bytes: m.info.paramBytes,
      total_bytes: m.info.totalBytes,
      inputs: m.info.inputs.map((v) => ({ name: v.name, dtype: v.dtype, shape: v.dims })),
      optional_inputs: m.info.optionalInputs.map((v) => ({ name: v.name, dtype: v.dtype, shape: v.dims })),
      outputs: m.info.outputs.map((v) => ({ name: v.name, dtype: v.dtype, shape: v.dims })),
      metadata: m.info.metadata,
      external_data: m.info.external,
      load: m.load,
      latency_ms: m.latency
    }))
  };
}

// src/gates/onnx/shape.ts
var MAX_COMBOS = 16;
function combos(plan) {
  let out = [/* @__PURE__ */ new Map()];
  for (const [k, vals] of plan.values) {
    out = out.flatMap((m) => vals.map((v) => new Map([...m, [k, v]])));
  }
  return out;
}
function outputMismatch(decl, dims, choice) {
  if (!decl.hasShape) return void 0;
  if (decl.dims.length !== dims.length) return `${decl.name} has rank ${dims.length}, declared ${decl.dims.length}`;
  for (const [axis, d] of decl.dims.entries()) {
    const want = typeof d === "number" ? d : typeof d === "string" ? choice.get(d) : void 0;
    if (want !== void 0 && dims[axis] !== want) {
      return `${decl.name} has size ${dims[axis]} on axis ${axis}, declared ${typeof d === "string" ? `${d} = ${want}` : want}`;
    }
  }
  return void 0;
}
async function shapeChecks(session, inputs, outputs, plan) {
  if (plan.values.size === 0) return [];
  const all = combos(plan);
  const cut = all.length > MAX_COMBOS;
  const runs = [];
  for (const choice of all.slice(0, MAX_COMBOS)) runs.push({ choice, res: await runSession(session, synthFeed(inputs, choice)) });
  const anyRan = runs.some((r) => r.res.ok);
  const valuesSetShapes = inputs.some((v) => !isFloatType(v.elemType));
  const checks = [];
  for (const { choice, res } of runs) {
    const label = [...choice].map(([k, v]) => `${k}=${v}`).join(", ");
    const id = `shape.${[...choice].map(([k, v]) => `${idSegment(k)}-${v}`).join("_")}`;
    const details = { ...Object.fromEntries(choice), inputs: "synthesised" };
    if (!res.ok) {
      checks.push({
        id,
        title: `Runs with ${label}`,
        status: anyRan && !valuesSetShapes ? "fail" : "warn",
        observed: "run failed",
        message: anyRan && !valuesSetShapes ? `onnxruntime: ${res.error}` : `onnxruntime: ${res.error} (on synthesised inputs${anyRan ? " of a non-float input" : " at every size tried"}, so the made-up values may be the cause: a warning; --test-data decides it)`,
        details
      });
      continue;
    }
    const bad = outputs.map((o) => res.outputs[o.name] ? outputMismatch(o, res.outputs[o.name].dims, choice) : void 0).filter((m) => m !== void 0);
    const shapes = outputs.map((o) => `${o.name} [${res.outputs[o.name]?.dims.join(", ") ?? "?"}]`).join("; ");
    checks.push({
      id,
      title: `Runs with ${label}`,
      status: bad.length ? valuesSetShapes ? "warn" : "fail" : "pass",
      observed: shapes,
      message: bad.length ? `Output shape differs from the declaration on synthesised inputs: ${bad.join("; ")}.` : `Ran in ${res.ms.toFixed(2)} ms${cut ? `; the sweep was cut to the first ${MAX_COMBOS} of ${all.length} combinations` : ""}.`,
      details
    });
  }
  return checks;
}

// src/gates/onnx/signature.ts
var BASELINE_RTOL = 0.01;
var BASELINE_ATOL = 1e-4;
var sig = (v) => `${v.dtype} [${formatDims(v)}]`;
function breaking(base, cand) {
  if (base.dtype !== cand.dtype) return `dtype changed from ${base.dtype} to ${cand.dtype}`;
  if (!base.hasShape || !cand.hasShape) return void 0;
  if (base.dims.length !== cand.dims.length) return `rank changed from ${base.dims.length} to ${cand.dims.length}`;
  for (const [axis, b] of base.dims.entries()) {
    const c = cand.dims[axis];
    if (typeof b === "number" && c !== b && typeof c === "number") return `axis ${axis} changed from ${b} to ${c}`;
    if (typeof b !== "number" && typeof c === "number") return `axis ${axis} was dynamic (${b ?? "?"}) and is now fixed at ${c}`;
  }
  return void 0;
}
function valueChecks(kind, base, cand, candOptional, baseOptional) {
  const checks = [];
  const candAll = new Map([...cand, ...candOptional].map((v) => [v.name, v]));
  const baseAll = new Map([...base, ...baseOptional].map((v) => [v.name, v]));
  for (const b of [...base, ...baseOptional]) {
    const c = candAll.get(b.name);
    const id = `signature.${kind}.${idSegment(b.name)}`;
    if (!c) {
      checks.push({
        id,
        title: `${kind} ${b.name} is kept`,
        status: "fail",
        observed: "removed",
        expected: sig(b),
        message: `The candidate removed ${kind} "${b.name}" (${sig(b)}): callers of the baseline break.`
      });
      continue;
    }
    const why = breaking(b, c);
    checks.push({
      id,
      title: `${kind} ${b.name} is compatible`,
      status: why ? "fail" : "pass",
      observed: sig(c),
      expected: sig(b),
      message: why ? `${kind} "${b.name}": ${why}; callers of the baseline break.` : `Same contract as the baseline.`
    });
  }
  for (const c of [...cand, ...candOptional]) {
    if (baseAll.has(c.name)) continue;
    const required = kind === "input" && cand.includes(c);
    checks.push({
      id: `signature.${kind}.${idSegment(c.name)}`,
      title: `${kind} ${c.name} is new`,
      status: required ? "fail" : "warn",
      observed: sig(c),
      expected: "absent in the baseline",
      message: required ? `The candidate adds required input "${c.name}" (${sig(c)}): callers of the baseline do not send it.` : `The candidate adds ${kind === "input" ? "optional input" : "output"} "${c.name}" (${sig(c)}); existing callers keep working.`
    });
  }
  return checks;
}
function signatureChecks(cand, base) {
  return [
    ...valueChecks("input", base.inputs, cand.inputs, cand.optionalInputs, base.optionalInputs),
    ...valueChecks("output", base.outputs, cand.outputs, [], [])
  ];
}
function baselineParity(cand, base, cfg) {
  const tol = { rtol: cfg.baseline_tolerance?.rtol ?? BASELINE_RTOL, atol: cfg.baseline_tolerance?.atol ?? BASELINE_ATOL };
  const checks = [];
  for (const [name, b] of Object.entries(base)) {
    const c = cand[name];
    if (!c) continue;
    checks.push(
      comparisonCheck(
        `parity.baseline.${idSegment(name)}`,
        `${name} matches the baseline`,
        name,
        compareTensors(c, b, tol),
        tol,
        "candidate vs baseline"
      )
    );
  }
  return checks;
}

// src/gates/onnx/gate.ts
function largest(plan) {
  return new Map([...plan.values].map(([k, v]) => [k, Math.max(...v)]));
}
function smallest(plan) {
  return new Map([...plan.values].map(([k, v]) => [k, Math.min(...v)]));
}
function restrict(feed, info) {
  const out = {};
  for (const v of info.inputs) {
    const t = feed[v.name];
    if (!t || t.elemType !== v.elemType) return void 0;
    if (v.hasShape && (v.dims.length !== t.dims.length || v.dims.some((d, i) => typeof d === "number" && d !== t.dims[i])))
      return void 0;
    out[v.name] = t;
  }
  return out;
}
async function latencyChecks(info, optimized, plan, probe, cfg, baseline) {
  const checks = [];
  const latency = [];
  const refBatch = plan.batch && probe.origin === "reference" ? probe.base.get(plan.batch) : void 0;
  const lead = probe.origin === "reference" ? probe.feed[info.inputs[0]?.name ?? ""]?.dims[0] : info.inputs[0]?.dims[0];
  const sizes = plan.batch ? cfg.latency?.batch_sizes ?? [refBatch ?? 1] : [typeof lead === "number" ? lead : 1];
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
        message: reference ? `The model does not run at batch ${b} on the reference inputs: ${trial.error}` : `The model does not run at batch ${b} on synthesised inputs: ${trial.error}. Only synthesised inputs provoke this, so it is a warning.`,
        details: { inputs: reference ? "reference" : "synthesised" }
      });
      continue;
    }
    const bf = baseline?.session ? restrict(f, baseline.info) : void 0;
    const s = await measureLatency(
      optimized,
      f,
      b,
      cfg,
      baseline?.session && bf ? {
        session: baseline.session,
        feed: bf,
        firstRun: (run) => watchedRun(baseline.watch, baseline.file, run)
      } : void 0
    );
    latency.push(s);
    checks.push(latencyCheck(s, cfg));
  }
  return { checks, latency };
}
async function runtimeChecks(model, info, plain, optimized, input, baseline) {
  const cfg = input.config;
  const checks = [];
  const plan = planDims(info.inputs, cfg.dims);
  let probe;
  if (input.testData?.length) {
    checks.push(...await referenceParity(optimized, input.testData, info.inputs, info.outputs, model.display, cfg));
    const m = matchTestSet(input.testData[0], info.inputs, info.outputs, model.display);
    const feed = m.feed;
    probe = {
      feed,
      origin: "reference",
      base: choiceOf(info.inputs, feed),
      expected: Object.fromEntries(m.expected.map((e) => [e.output, e.tensor]))
    };
  }
  const why = unsupportedInputs(info.inputs);
  if (why && !probe) {
    checks.push({
      id: "shape.inputs",
      title: "Inputs can be synthesised",
      status: "skip",
      message: `The gate cannot build inputs for ${why}; runtime checks need --test-data.`
    });
    return { checks, latency: [], ran: false };
  }
  let first;
  if (probe) first = await runSession(optimized, probe.feed);
  else {
    let base = largest(plan);
    let feed = synthFeed(info.inputs, base);
    first = await runSession(optimized, feed);
    if (!first.ok) {
      base = smallest(plan);
      feed = synthFeed(info.inputs, base);
      first = await runSession(optimized, feed);
    }
    probe = { feed, origin: "synthesised", base, expected: {} };
  }
  const second = first.ok ? await runSession(optimized, probe.feed) : first;
  const noOpt = first.ok ? await runSession(plain, probe.feed) : first;
  const unstable = /* @__PURE__ */ new Set();
  if (first.ok && second.ok && noOpt.ok) {
    const det = determinismChecks(first.outputs, second.outputs);
    for (const c of det) if (c.status === "fail" && typeof c.details?.output === "string") unstable.add(c.details.output);
    checks.push(
      ...numericChecks(first.outputs, probe.origin, probe.expected),
      ...det,
      ...optimizationParity(first.outputs, noOpt.outputs, cfg, unstable)
    );
  }
  if (!why) {
    const reference = probe.origin === "reference" ? probe.feed : void 0;
    checks.push(...await batchChecks(optimized, info.inputs, plan, probe.base, cfg, unstable, reference));
    checks.push(...await shapeChecks(optimized, info.inputs, info.outputs, plan));
  }
  const baseFeed = baseline ? restrict(probe.feed, baseline.info) : void 0;
  if (baseline?.session && cfg.baseline_tolerance && first.ok) {
    const session = baseline.session;
    const theirs = baseFeed ? await watchedRun(baseline.watch, baseline.file, () => runSession(session, baseFeed)) : void 0;
    if (theirs?.ok) checks.push(...baselineParity(first.outputs, theirs.outputs, cfg));
    else
      checks.push({
        id: "parity.baseline",
        title: "Outputs match the baseline",
        status: "skip",
        message: theirs ? `The baseline failed on the same inputs: ${theirs.error}` : "The baseline takes different inputs, so outputs cannot be compared."
      });
  }
  if (why && probe.origin === "reference") {
    plan.values.clear();
    delete plan.batch;
  }
  const timed2 = first.ok || probe.origin === "synthesised" ? await latencyChecks(info, optimized, plan, probe, cfg, baseline) : { checks: [], latency: [] };
  return { checks: [...checks, ...timed2.checks], latency: timed2.latency, ran: first.ok };
}
async function checkModel(model, subject, input, baseline) {
  const cfg = input.config;
  const info = inspectModel(model);
  const checks = [...policyChecks(info, cfg)];
  if (baseline) checks.push(...signatureChecks(info, baseline.info));
  const plain = await loadSession(model, "disabled");
  const optimized = await loadSession(model, "all");
  checks.push(loadCheck(plain), loadCheck(optimized));
  let latency = [];
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
  const load = { disabled: Boolean(plain.session), all: Boolean(optimized.session) };
  if (failed.error) load.error = failed.error;
  if (failed.op) load.op = failed.op;
  return { display: model.display, sha256: subject.sha256, info, load, latency, checks };
}
function crashedModel(model, subject, input, baseline, crash) {
  const info = inspectModel(model);
  const checks = [...policyChecks(info, input.config)];
  if (baseline) checks.push(...signatureChecks(info, baseline.info));
  const message = crashSentence(crash);
  checks.push({
    id: "load.crash",
    title: "onnxruntime survives the model",
    status: "fail",
    observed: `crashed (${crash.signal})`,
    expected: "loads and runs, or fails with an error",
    message,
    file: model.display
  });
  settleOpsetFloor(checks, false, false);
  return {
    display: model.display,
    sha256: subject.sha256,
    info,
    load: { disabled: false, all: false, error: message },
    latency: [],
    checks
  };
}
function skipUnresolved(checks, unresolved) {
  if (!unresolved.length) return;
  for (const c of checks) {
    const failedRun = c.observed === "run failed" || c.id === "batch.invariance" && c.status === "warn";
    if (c.status !== "warn" || c.details?.inputs !== "synthesised" || !failedRun) continue;
    c.status = "skip";
    c.message = `Not judged on synthesised inputs: ${unresolved.join("; ")}, and the gate cannot choose valid values for that (--test-data decides it). ${c.message ?? ""}`.trim();
  }
}
function knownInputs(sets, info, display) {
  try {
    return (sets ?? []).map((s) => matchTestSet(s, info.inputs, info.outputs, display).feed);
  } catch {
    return [];
  }
}
function waive(checks, waivers) {
  for (const c of checks) {
    if (c.status === "fail" && isWaived(c.id, waivers)) {
      c.status = "warn";
      c.message = `Waived by gates.onnx.waive. ${c.message ?? ""}`.trim();
    }
  }
}
function summaryOf(models, checks, target) {
  const failed = checks.filter((c) => c.status === "fail");
  const warned = checks.filter((c) => c.status === "warn");
  const scope = models.length === 1 ? models[0].display : `${models.length} models`;
  if (failed.length) {
    const bad = models.filter((m) => m.checks.some((c) => c.status === "fail"));
    const ids = failed.slice(0, 3).map((c) => c.id).join(", ");
    const who = models.length > 1 ? `${bad.length} of ${models.length} models failed; ` : "";
    return `${scope}: ${who}${failed.length} check(s) failed (${ids}${failed.length > 3 ? ", \u2026" : ""}) against onnxruntime ${target}`;
  }
  return `${scope}: loads and runs in onnxruntime ${target}; ${checks.length - warned.length} check(s) passed${warned.length ? `, ${warned.length} warning(s)` : ""}`;
}
async function onnxGate(input) {
  const cfg = input.config;
  const target = targetOrt(cfg).ort;
  let baseline;
  const gateChecks = [];
  const watch = input.runtime;
  if (input.baseline) {
    const b = input.baseline.file;
    const file = { file: b.path, display: b.display, role: "baseline" };
    watch?.enter(file);
    const loaded = await loadSession(b, "all");
    watch?.enter(void 0);
    baseline = {
      info: inspectModel(input.baseline.file),
      file,
      ...watch ? { watch } : {},
      ...loaded.session ? { session: loaded.session } : {}
    };
    if (!loaded.session) {
      gateChecks.push({
        id: "load.baseline",
        title: "The baseline loads in onnxruntime",
        status: "warn",
        observed: loaded.op ? `fails at operator ${loaded.op}` : "fails",
        message: `onnxruntime: ${loaded.error ?? "unknown error"}. Output parity and the latency ratio against the baseline are not judged.`,
        file: input.baseline.file.display
      });
    }
  }
  const keys = input.models.length > 1 ? modelKeys(input.models.map((m) => m.display)) : [];
  const summaries = [];
  try {
    for (const [i, model] of input.models.entries()) {
      input.progress?.(`${model.display} (${i + 1}/${input.models.length})`);
      const crash = watch?.crashOf("candidate", model.display);
      watch?.enter(crash ? void 0 : { file: model.path, display: model.display, role: "candidate" });
      const s = crash ? crashedModel(model, input.subjects[i], input, baseline, crash) : await checkModel(model, input.subjects[i], input, baseline);
      watch?.enter(void 0);
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
  const subjects = [...input.subjects, ...input.baseline ? [input.baseline.subject] : []];
  return makeReport({
    gate: "onnx",
    checks,
    summary: summaryOf(summaries, checks, target),
    subject: input.subjects[0],
    subjects,
    metrics: onnxMetrics(summaries, target, installedOrt()),
    sections: onnxSections(summaries),
    inputs: input.inputs
  });
}
export {
  onnxGate
};

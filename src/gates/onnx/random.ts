import type onnxProto from "onnx-proto";
import type { Check } from "../../core/report.js";
import { onnx, type ModelProto } from "../../core/onnx/proto.js";
import { domainName, DEFAULT_DOMAIN } from "./inspect.js";
import { tensorFromProto, toNumber, type HostTensor } from "./tensor.js";

type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;

/** Operators whose outputs are random draws: no reference or second run is meant to match them. */
export const RANDOM_OPS = ["Bernoulli", "Multinomial", "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike"];

function subgraphs(n: Node): Graph[] {
  return (n.attribute ?? []).flatMap((a) => [...(a.g ? [a.g] : []), ...(a.graphs ?? [])]);
}

/** Graph inputs' values in every reference set: an input the sets all give the same value is as good as a constant here. */
export type KnownInputs = readonly Readonly<Record<string, HostTensor>>[];

/** The first value of a name fed by an initializer, a Constant node, or every reference set alike. */
function constantNumber(name: string | undefined, g: Graph, known: KnownInputs): number | undefined {
  if (!name) return undefined;
  if (known.length && known.every((f) => f[name])) {
    const firsts = known.map((f) => f[name]!.data).map((d) => (d.length > 0 && !Array.isArray(d) ? Number(d[0]) : NaN));
    if (firsts.every((v) => v === firsts[0]) && !Number.isNaN(firsts[0])) return firsts[0];
  }
  const init = (g.initializer ?? []).find((t) => t.name === name);
  const t =
    init ?? (g.node ?? []).find((n) => n.opType === "Constant" && n.output?.includes(name))?.attribute?.find((a) => a.t)?.t;
  if (!t) return undefined;
  try {
    const v = tensorFromProto(t instanceof onnx.TensorProto ? t : onnx.TensorProto.fromObject(t));
    return v.data.length > 0 && !Array.isArray(v.data) ? Number(v.data[0]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The random operator a node is, or undefined: the random generators, and Dropout in training mode
 * (opset 12+: a training_mode input that is not a constant false, with a ratio that is not a
 * constant 0, a graph input every reference set gives the same value counting as constant; before
 * opset 7: is_test = 0).
 */
function randomOp(n: Node, g: Graph, opset: number, known: KnownInputs = []): string | undefined {
  if (domainName(n.domain) !== DEFAULT_DOMAIN) return undefined;
  const op = n.opType ?? "";
  if (RANDOM_OPS.includes(op)) return op;
  if (op !== "Dropout") return undefined;
  if (opset >= 12) {
    const mode = n.input?.[2];
    const off = constantNumber(mode, g, known) === 0 || constantNumber(n.input?.[1], g, known) === 0;
    return mode && !off ? "Dropout (training mode)" : undefined;
  }
  if (opset < 7) {
    const isTest = n.attribute?.find((a) => a.name === "is_test");
    return isTest && toNumber(isTest.i) === 0 ? "Dropout (training mode)" : undefined;
  }
  return undefined;
}

/** Every value name a graph reads, its subgraphs' included (outer-scope names a body uses). */
function reads(g: Graph): Set<string> {
  const out = new Set<string>();
  for (const n of g.node ?? []) {
    for (const i of n.input ?? []) if (i) out.add(i);
    for (const sub of subgraphs(n)) for (const i of reads(sub)) out.add(i);
  }
  return out;
}

/** The random operators a graph (bodies included) holds. */
function randomIn(g: Graph, opset: number): string[] {
  const found: string[] = [];
  for (const n of g.node ?? []) {
    const r = randomOp(n, g, opset);
    if (r) found.push(r);
    for (const sub of subgraphs(n)) found.push(...randomIn(sub, opset));
  }
  return found;
}

/**
 * The graph outputs that depend on a random operator, each with the operators it depends on:
 * values flow forward from every random node (and from If/Loop/Scan nodes whose bodies hold one)
 * through every node that reads them, bodies' outer-scope reads included.
 */
export function randomOutputs(model: ModelProto, known: KnownInputs = []): Map<string, string[]> {
  const g = model.graph;
  const out = new Map<string, string[]>();
  if (!g) return out;
  const opset = toNumber(model.opsetImport.find((o) => domainName(o.domain) === DEFAULT_DOMAIN)?.version ?? 0);
  const taint = new Map<string, Set<string>>();
  const nodes = g.node ?? [];
  const used = nodes.map((n) => [...(n.input ?? []).filter(Boolean), ...subgraphs(n).flatMap((s) => [...reads(s)])]);
  let changed = true;
  // Nodes are topologically sorted in a valid model; the loop also copes with one that is not.
  while (changed) {
    changed = false;
    nodes.forEach((n, i) => {
      const from = new Set<string>();
      const own = randomOp(n, g, opset, known);
      if (own) from.add(own);
      for (const sub of subgraphs(n)) for (const r of randomIn(sub, opset)) from.add(r);
      for (const name of used[i]!) for (const r of taint.get(name) ?? []) from.add(r);
      if (!from.size) return;
      for (const o of n.output ?? []) {
        if (!o) continue;
        const have = taint.get(o) ?? new Set<string>();
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

/** Families that compare an output with a reference or another run: undefined for random outputs. */
const COMPARED = /^(parity|determinism|batch)\./;

/**
 * Parity and determinism of an output that depends on a random operator are not judged: its values
 * are draws, defined to match neither a reference nor another run. Numeric and shape checks stand,
 * and so does everything about the model's other outputs.
 */
export function skipRandomOutputs(checks: Check[], random: ReadonlyMap<string, string[]>): void {
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

/** A name (domain, output, metadata key, dim) as one valid check-id segment: `ai.onnx` -> `ai_onnx`. */
export function idSegment(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_-]+/g, "_");
  return s === "" ? "_" : s;
}

/**
 * Keys that tell models apart in check ids when one run judges several: the file name without
 * `.onnx`, made unique with its position when two files share a name.
 */
export function modelKeys(displays: readonly string[]): string[] {
  const base = displays.map((d) => idSegment((d.split(/[\\/]/).pop() ?? d).replace(/\.onnx$/i, "")));
  return base.map((b, i) => (base.filter((x) => x === b).length > 1 ? `${b}-${i + 1}` : b));
}

/** `parity.optimization.output` -> `parity.optimization.output[model_a]`: a waiver prefix still matches. */
export function withModelKey(id: string, key: string | undefined): string {
  return key ? `${id}[${key}]` : id;
}

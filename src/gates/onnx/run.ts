import type * as ort from "onnxruntime-node";
import { errorMessage } from "../../core/errors.js";
import { cleanOrtMessage, RUN_OPTIONS } from "./load.js";
import type { Feed } from "./synth.js";
import { fromOrtTensor, toOrtTensor, type HostTensor } from "./tensor.js";

export type Outputs = Record<string, HostTensor>;

export type RunResult = { ok: true; outputs: Outputs; ms: number } | { ok: false; error: string };

/** One inference; onnxruntime's failure comes back as a cleaned message instead of a throw. */
export async function runSession(session: ort.InferenceSession, feed: Feed): Promise<RunResult> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(feed)) feeds[name] = toOrtTensor(t);
  const t0 = performance.now();
  try {
    const res = await session.run(feeds, RUN_OPTIONS);
    const ms = performance.now() - t0;
    const outputs: Outputs = {};
    for (const name of session.outputNames) {
      const t = res[name];
      if (t) outputs[name] = fromOrtTensor(t);
    }
    return { ok: true, outputs, ms };
  } catch (e) {
    return { ok: false, error: cleanOrtMessage(errorMessage(e)) };
  }
}

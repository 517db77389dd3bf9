import type { CommandContext } from "./command.js";
import { ConfigurationError } from "../core/errors.js";
import { LIMITS } from "../core/limits.js";
import { parseDuration } from "../core/units.js";

/** A gate's overall time limit: --timeout, else the config's `timeout:`, else 30 minutes. */
export interface GateTimeout {
  ms: number;
  /** As the user wrote it: `45m`. */
  text: string;
  /** Where it came from, for the message. */
  source: string;
}

export function gateTimeout(ctx: CommandContext): GateTimeout {
  const flag = ctx.str("timeout");
  if (flag !== undefined) return { ms: parseDuration(flag, "--timeout"), text: flag, source: "--timeout" };
  const cfg = ctx.config.timeout;
  if (cfg !== undefined) {
    const text = String(cfg);
    const at = ctx.configAt?.(["timeout"]) ?? "the config";
    return { ms: parseDuration(text, `${at}: timeout`), text, source: `timeout: at ${at}` };
  }
  return { ms: LIMITS.defaultTimeoutMs, text: "30m", source: "the default; set --timeout or timeout: in mlgate.yml" };
}

/**
 * The gate's work, or a ConfigurationError naming the limit when it has not finished in time: the
 * CLI turns that into an `error` report and exit 2 instead of a job that hangs until GitHub kills it
 * at six hours. The work itself is abandoned (a DuckDB query or onnxruntime run cannot be cancelled
 * from here); `abandoned` lets the process entry end the process once the report is written.
 */
export async function withTimeout<T>(work: Promise<T>, limit: GateTimeout, abandoned?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandoned?.();
      reject(
        new ConfigurationError(
          `the gate did not finish within ${limit.text} (${limit.source}); the report says error: raise the limit or give the gate less to do`,
        ),
      );
    }, limit.ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

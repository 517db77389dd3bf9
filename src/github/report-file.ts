import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import schema from "../../schemas/report.schema.json" with { type: "json" };
import { ConfigurationError } from "../core/errors.js";
import type { GateName, Report } from "../core/report.js";
import { GATE_NAMES } from "../core/report.js";

let validate: ValidateFunction | undefined;

/** Reports from another job (or a fork's run) are data: parsed and validated, nothing else. */
export function loadReport(file: string, shown = file): Report {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // Not the parser's message: it quotes the file's start, and the file may be anything.
    throw new ConfigurationError(`${shown}: is not a JSON report`);
  }
  validate ??= new Ajv2020({ allErrors: false, strict: false }).compile(schema);
  if (!validate(parsed)) {
    const err = validate.errors?.[0];
    const where = err?.instancePath ? ` at ${err.instancePath}` : "";
    throw new ConfigurationError(`${shown}: is not a valid mlgate report${where}: ${err?.message ?? "invalid"}`);
  }
  return parsed as Report;
}

/** The JSON files of a report folder (recursively: artifacts unpack into one folder each), sorted. */
export function reportFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".json")) out.push(p);
    }
  };
  walk(target);
  return out;
}

/**
 * The check-run suffix a gate job used, recovered from the report's file name: the gate writes
 * `mlgate-report/<gate>-<name>.json` when given --name, `<gate>.json` otherwise.
 */
export function suffixFromFileName(file: string, gate: GateName): string | undefined {
  const base = path.basename(file, ".json");
  if (!GATE_NAMES.includes(gate) || !base.startsWith(`${gate}-`)) return undefined;
  const suffix = base.slice(gate.length + 1);
  return suffix === "" ? undefined : suffix;
}

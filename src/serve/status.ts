import { hostname } from "node:os";
import type { ModelStatus, ServerStatus, VersionStatus } from "../core/registry.js";
import type { MetricsSource } from "./metrics.js";
import type { ModelSet, ModelTable } from "./models.js";
import { weightOf } from "./routing.js";

function roleOf(t: ModelTable, version: string): VersionStatus["role"] {
  if (t.aliases.champion === version) return "champion";
  if (t.aliases.challenger === version) return "challenger";
  if (t.aliases.previous === version) return "previous";
  return "loaded";
}

export function modelStatus(t: ModelTable, now = Date.now()): ModelStatus {
  const versions: Record<string, VersionStatus> = {};
  for (const v of t.versions.values()) {
    versions[v.version] = {
      version: v.version,
      role: roleOf(t, v.version),
      weight: weightOf(t.aliases, v.version),
      ready: !v.retired,
      sha256: v.sha256,
      requests: v.stats.requests,
      errors: v.stats.errors,
      window: v.stats.window(now),
    };
  }
  const a = t.aliases;
  const out: ModelStatus = {
    name: t.name,
    generation: t.generation,
    champion: a.champion,
    challenger: a.challenger,
    weight: a.weight,
    mode: a.mode,
    versions,
  };
  if (t.error) out.error = t.error;
  return out;
}

/** What GET /v1/status answers and DIR/status/<host_port>.json holds. */
export function serverStatus(models: ModelSet, url: string, startedAt: string, now = Date.now()): ServerStatus {
  return {
    schemaVersion: 1,
    url,
    pid: process.pid,
    host: hostname(),
    startedAt,
    updatedAt: new Date(now).toISOString(),
    ready: models.ready(),
    models: Object.fromEntries(models.all().map((t) => [t.name, modelStatus(t, now)])),
  };
}

export function metricsSource(models: ModelSet, rejected: ReadonlyMap<number, number>): MetricsSource {
  return {
    models: models.all().map((t) => ({
      name: t.name,
      generation: t.generation,
      versions: [...t.versions.values()].map((v) => ({
        version: v.version,
        weight: weightOf(t.aliases, v.version),
        stats: v.stats,
      })),
    })),
    rejected,
  };
}

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Report } from "../core/report.js";

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}

/** Writes the report, creating its folder; the report is written before anything is published. */
export function writeJsonReport(report: Report, file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, renderJson(report));
}

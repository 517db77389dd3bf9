import { readFileSync } from "node:fs";

/**
 * Reads a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file: `name=value` lines and multi-line
 * `name<<DELIMITER` … `DELIMITER` blocks, as the runner parses them. A malformed file fails the step
 * on GitHub too, so it throws here.
 */
export function parseKeyValueFile(file: string): Record<string, string> {
  const text = readFileSync(file, "utf8");
  const lines = text.split(/\r?\n/);
  const out: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf("=");
    if (heredoc && (eq < 0 || eq > line.indexOf("<<"))) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== delimiter) value.push(lines[j++] as string);
      if (j >= lines.length) throw new Error(`${file}: no closing delimiter "${delimiter}" for "${name}"`);
      out[name] = value.join("\n");
      i = j;
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`${file}: invalid line ${i + 1}: ${line}`);
    }
  }
  return out;
}

/** GITHUB_PATH: one directory per line, later lines take precedence. */
export function parsePathFile(file: string): string[] {
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

export interface Annotation {
  level: "error" | "warning" | "notice";
  message: string;
  properties: Record<string, string>;
}

/** Workflow commands `::error file=a,line=3::msg` printed by a step, as GitHub would annotate them. */
export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const kv of (m[2] ?? "").trim().split(",")) {
      const k = kv.indexOf("=");
      if (k > 0) properties[kv.slice(0, k)] = unescapeProperty(kv.slice(k + 1));
    }
    out.push({ level: m[1] as Annotation["level"], message: unescapeData(m[3] ?? ""), properties });
  }
  return out;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ":").replace(/%2C/g, ",");
}

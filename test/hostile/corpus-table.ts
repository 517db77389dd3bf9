import type { CaseResult, CorpusCase } from "./corpus-run.js";
import { shownMessage } from "./corpus-run.js";

/** Text as it reads in a Markdown table cell: no emphasis, HTML, code spans or column breaks. */
const cell = (s: string): string => s.replace(/[\\`*_[\]<>|$]/g, "\\$&").replaceAll("\n", "<br>");

/** The sandbox's folders written back as the placeholders the cases use, so the table is stable. */
function portable(text: string, r: CaseResult): string {
  return text.replaceAll(r.sandbox.ws, "{ws}").replaceAll(r.sandbox.outside, "{outside}").replaceAll(r.sandbox.tmp, "{tmp}");
}

const START = "<!-- corpus-table:start (written by test/hostile/corpus.test.ts; do not edit by hand) -->";
const END = "<!-- corpus-table:end -->";

/** `doc` with its corpus section replaced by `section` (appended when it has none). */
export function spliceCorpusSection(doc: string, section: string): string {
  const i = doc.indexOf(START);
  const j = doc.indexOf(END);
  const block = `${START}\n${section}${END}\n`;
  if (i < 0 || j < i) return `${doc.trimEnd()}\n\n${block}`;
  return `${doc.slice(0, i)}${block}${doc.slice(j + END.length).replace(/^\n/, "")}`;
}

/** The corpus section of docs/hostile-input.md: one row per case with its exit code, message and peak memory. */
export function corpusTable(cases: readonly CorpusCase[], results: ReadonlyMap<string, CaseResult>): string {
  const rows = cases.map((c) => {
    const r = results.get(c.id);
    if (!r) return `| \`${c.id}\` | ${cell(c.what)} | not run | | |`;
    const exit = c.http ? `${r.code ?? r.signal ?? ""} (serve)` : String(r.code ?? r.signal ?? "");
    return `| \`${c.id}\` | ${cell(c.what)} | ${exit} | ${cell(portable(shownMessage(c, r), r))} | ${Math.round(r.peakMiB)} |`;
  });
  return [
    "## The corpus: every case, its exit code, message and peak memory",
    "",
    "What a pull request can send mlgate, and what comes back. Each row is one case of",
    "`test/hostile/corpus-cases.ts` (files in `test/fixtures/hostile/`, large ones written by the",
    "`generate.mjs` of their folder), run by `test/hostile/corpus.test.ts` in `npm test` against the built",
    "CLI in a sandbox of its own. Every case must exit with the code and the exact sentence shown, peak",
    "under 1.5 GB of resident memory, write nothing outside the workspace's `reports/` folder (and a",
    "`registry:` target's folder), and leak neither a file outside the workspace (the symlinks point at",
    "one holding a sentinel string) nor the tokens in its environment.",
    "",
    "A serve case starts `mlgate serve` on a loopback port, sends its requests, then stops it with",
    "SIGTERM: the message column lists each answer's status and `error`; the exit code is the server's.",
    "",
    "Regenerate: `MLGATE_CORPUS_TABLE=docs/hostile-input.md npx vitest run test/hostile/corpus.test.ts`",
    "(peaks differ a little from run to run).",
    "",
    "| case | input | exit | message (stderr for exit 2, else the verdict) | peak RSS (MiB) |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/**
 * The fenced code blocks of a Markdown file, each with the `<!-- example: KIND key=value ... -->`
 * comment that says how the test suite runs it (docs/readme-examples.md). The comment is the last
 * non-blank line before the fence; a block without one comes back with `kind: undefined`, which the
 * README test reports as a failure, so a new example cannot go untested by accident.
 */
export interface Block {
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's info string: `sh`, `yaml`. */
  lang: string;
  /** The block's text, de-indented (blocks inside list items are indented), ending in a newline. */
  text: string;
  kind: string | undefined;
  options: Record<string, string>;
}

const ANNOTATION = /^\s*<!--\s*example:\s*([a-z-]+)((?:\s+[a-z-]+=(?:"[^"]*"|\S+))*)\s*-->\s*$/;

export function parseOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([a-z-]+)=(?:"([^"]*)"|(\S+))/g)) out[m[1] ?? ""] = m[2] ?? m[3] ?? "";
  return out;
}

export function codeBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i] ?? "");
    if (!open) continue;
    const [, indent = "", fence = "", lang = ""] = open;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[end] ?? "")) end++;
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
    let prev = i - 1;
    while (prev >= 0 && (lines[prev] ?? "").trim() === "") prev--;
    const note = ANNOTATION.exec(lines[prev] ?? "");
    blocks.push({
      line: i + 1,
      lang,
      text: body.length ? `${body.join("\n")}\n` : "",
      kind: note?.[1],
      options: parseOptions(note?.[2] ?? ""),
    });
    i = end;
  }
  return blocks;
}

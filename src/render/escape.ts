/**
 * Untrusted text (data values, column names, model metadata, file names) is turned into inert
 * Markdown: no HTML, no @mentions, no links or emphasis, no broken tables.
 */
const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "|": "&#124;",
  "`": "&#96;",
  "\\": "&#92;",
  "*": "&#42;",
  _: "&#95;",
  "[": "&#91;",
  "]": "&#93;",
  "~": "&#126;",
  "#": "&#35;",
  "!": "&#33;",
  ":": "&#58;",
};

/** Escapes one inline fragment. `maxChars` cuts very long values with an ellipsis. */
export function escapeMarkdown(value: string | number | boolean | null | undefined, maxChars = 200): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : String(value);
  // Cut before escaping so an entity is never split in half.
  if ([...s].length > maxChars) s = [...s].slice(0, maxChars - 1).join("") + "…";
  const raw = s;
  s = raw.replace(/[&<>"|`\\*_[\]~#!:@]/g, (c, at: number) =>
    c === "@" ? (mentions(raw, at) ? "@&#8203;" : "@") : (ENTITY[c] ?? c),
  );
  // Line breaks would end a table row; show them as a visible symbol instead.
  s = s.replace(/\r\n|\r|\n/g, "↵");
  // Other control characters are invisible and can confuse terminals and diff views.
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "�");
  return s;
}

/**
 * GitHub turns `@name` into a mention (a notification to that user or team) when the `@` starts a
 * word and a name character follows: `@team`, `(@team`, but not `a@b.com` nor `]+@[a-z]` in a regex.
 * A zero-width space after such an `@` only keeps it inert; elsewhere the text stays copy-pasteable.
 */
function mentions(raw: string, at: number): boolean {
  return /[A-Za-z0-9]/.test(raw[at + 1] ?? "") && !/\w/.test(raw[at - 1] ?? "");
}

/**
 * Mermaid labels live inside double quotes; keep them printable and quote-free. `<` stays as text
 * (`< 8352`, a histogram's lower tail) unless it could open a tag (`<b`, `</`, `<!`, `<?`).
 */
export function escapeMermaidLabel(value: string, maxChars = 40): string {
  let s = value
    .replace(/["`\\]/g, "'")
    .replace(/<(?=[A-Za-z/!?])/g, "‹")
    .replace(/[\r\n]+/g, " ");
  if ([...s].length > maxChars) s = [...s].slice(0, maxChars - 1).join("") + "…";
  return s;
}

/** Strips ANSI escape sequences and control characters from untrusted text bound for a terminal. */
export function escapeTerminal(value: string | number | boolean | null | undefined, maxChars = 120): string {
  let s = value === null || value === undefined ? "" : String(value);
  // eslint-disable-next-line no-control-regex
  s = s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\r\n|\r|\n/g, "↵");
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u001f\u007f]/g, "�");
  if ([...s].length > maxChars) s = [...s].slice(0, maxChars - 1).join("") + "…";
  return s;
}

// Writes each action's inputs/outputs tables from its action.yml into README.md, between
// `<!-- action-docs:<name>:start -->` and `<!-- action-docs:<name>:end -->`. README sections without
// markers are left alone. `--check` changes nothing and exits 1 when a table has drifted.
//
//   node scripts/gen-action-docs.mjs [--check] [--readme FILE]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { parse } from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MARKER = /<!-- action-docs:([a-z0-9-]+):start -->\n[\s\S]*?<!-- action-docs:\1:end -->/g;

function cell(text) {
  return String(text ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function code(text) {
  return text === "" ? "" : `\`${text}\``;
}

/** The Markdown for one action: its inputs and outputs, in action.yml order. */
export function renderActionDocs(name, actionYml) {
  const a = parse(actionYml);
  const lines = [`Inputs of \`${name}\`:`, "", "| input | required | default | description |", "| --- | --- | --- | --- |"];
  for (const [input, def] of Object.entries(a.inputs ?? {})) {
    const dflt = def.default === undefined ? "" : String(def.default);
    lines.push(`| \`${input}\` | ${def.required ? "yes" : "no"} | ${cell(code(dflt))} | ${cell(def.description)} |`);
  }
  const outputs = Object.entries(a.outputs ?? {});
  if (outputs.length > 0) {
    lines.push("", `Outputs of \`${name}\`:`, "", "| output | description |", "| --- | --- |");
    for (const [output, def] of outputs) lines.push(`| \`${output}\` | ${cell(def.description)} |`);
  }
  return lines.join("\n");
}

/** README text with every marked block regenerated; `changed` names the blocks that differed. */
export async function updateReadme(readme, file, actionsDir = path.join(root, "actions")) {
  const options = { ...((await resolveConfig(file)) ?? {}), parser: "markdown" };
  const changed = [];
  const blocks = [...readme.matchAll(MARKER)];
  let out = readme;
  for (const m of blocks.reverse()) {
    const name = m[1];
    const yml = path.join(actionsDir, name, "action.yml");
    if (!existsSync(yml)) throw new Error(`${file}: marker action-docs:${name} names no actions/${name}/action.yml`);
    // Formatted as Prettier would, so `npm run format` and this script agree on every byte.
    const body = (await format(renderActionDocs(name, readFileSync(yml, "utf8")), options)).trimEnd();
    const block = `<!-- action-docs:${name}:start -->\n\n${body}\n\n<!-- action-docs:${name}:end -->`;
    if (block !== m[0]) changed.unshift(name);
    out = out.slice(0, m.index) + block + out.slice(m.index + m[0].length);
  }
  return { text: out, changed, blocks: blocks.length };
}

async function main(argv) {
  const check = argv.includes("--check");
  const at = argv.indexOf("--readme");
  const file = path.resolve(at >= 0 ? argv[at + 1] : path.join(root, "README.md"));
  const readme = readFileSync(file, "utf8");
  const { text, changed, blocks } = await updateReadme(readme, file);
  if (check) {
    if (changed.length > 0) {
      process.stderr.write(
        `${file}: action tables out of date for ${changed.join(", ")}; run node scripts/gen-action-docs.mjs\n`,
      );
      return 1;
    }
    process.stdout.write(`${file}: ${blocks} action table block(s) up to date\n`);
    return 0;
  }
  if (text !== readme) writeFileSync(file, text);
  process.stdout.write(
    `${file}: ${changed.length ? `updated ${changed.join(", ")}` : `${blocks} block(s) already up to date`}\n`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`gen-action-docs: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

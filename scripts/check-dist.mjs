// Rebuilds into a temporary folder and fails when the committed dist/ differs from it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "mlgate-dist-"));
const rel = path.relative(root, tmp);
execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], {
  cwd: root,
  env: { ...process.env, MLGATE_DIST_DIR: rel },
  stdio: "inherit",
});

function files(dir, base = dir) {
  if (!statSync(dir, { throwIfNoEntry: false })) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))],
  );
}

const committed = new Set(files(path.join(root, "dist")));
const fresh = new Set(files(tmp));
const problems = [];
for (const f of fresh) {
  if (!committed.has(f)) problems.push(`missing from dist/: ${f}`);
  else if (!readFileSync(path.join(tmp, f)).equals(readFileSync(path.join(root, "dist", f))))
    problems.push(`stale in dist/: ${f}`);
}
for (const f of committed) if (!fresh.has(f)) problems.push(`not produced by the build: dist/${f}`);
rmSync(tmp, { recursive: true, force: true });

if (problems.length) {
  const text = `dist/ is out of date; run \`npm run build\` and commit dist/.\n${problems.map((p) => `  ${p}`).join("\n")}\n`;
  process.stderr.write(text);
  if (process.env.GITHUB_STEP_SUMMARY)
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### check-dist\n\n\`\`\`\n${text}\`\`\`\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`dist/ is up to date (${fresh.size} files)\n`);
}

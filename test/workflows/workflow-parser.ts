import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "../support/cli.js";

/**
 * @actions/workflow-parser imports its schemas as `import x from "./schema.json"` without an import
 * attribute, which Node 20 refuses (and vitest hands node_modules to Node untransformed). esbuild
 * inlines the JSON, so the tests load one bundled copy of GitHub's own parser from a temp folder.
 */
export interface TemplateErrors {
  getErrors(): { message: string }[];
}
export interface ParseResult {
  context: { errors: TemplateErrors };
  value: unknown;
}
export interface WorkflowParser {
  parseWorkflow(file: { name: string; content: string }, trace: unknown): ParseResult;
  parseAction(file: { name: string; content: string }, trace: unknown): ParseResult;
  convertWorkflowTemplate(context: unknown, root: unknown): Promise<{ errors?: { Message: string }[] }>;
  convertActionTemplate(context: unknown, root: unknown): unknown;
  NoOperationTraceWriter: new () => unknown;
}

export async function loadWorkflowParser(): Promise<{ parser: WorkflowParser; dispose: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-workflow-parser-"));
  const outfile = path.join(dir, "workflow-parser.mjs");
  await build({
    stdin: {
      contents: [
        'export { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from "@actions/workflow-parser";',
        'export { parseAction, convertActionTemplate } from "@actions/workflow-parser/actions/index";',
      ].join("\n"),
      resolveDir: ROOT,
      loader: "js",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "warning",
  });
  const parser = (await import(pathToFileURL(outfile).href)) as WorkflowParser;
  return {
    parser,
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every schema and conversion error GitHub's parser reports for one file. */
export async function workflowParserErrors(
  parser: WorkflowParser,
  rel: string,
  content: string,
  kind: "action" | "workflow",
): Promise<string[]> {
  const file = { name: rel, content };
  const trace = new parser.NoOperationTraceWriter();
  const parsed = kind === "action" ? parser.parseAction(file, trace) : parser.parseWorkflow(file, trace);
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || parsed.value === undefined) return errors.length > 0 ? errors : [`${rel}: empty`];
  if (kind === "action") {
    parser.convertActionTemplate(parsed.context, parsed.value);
    return parsed.context.errors.getErrors().map((e) => e.message);
  }
  const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  return (template.errors ?? []).map((e) => e.Message);
}

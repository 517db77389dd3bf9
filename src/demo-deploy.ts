/**
 * The demo's last act: production serves the baseline from a local registry through `mlgate serve`,
 * users send traffic, and `mlgate deploy` ships the candidate the gates just validated through a short
 * canary, verified against the demo's own reports. Then the server stops.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { CommandContext } from "./cli/command.js";
import { stageVersion, writeAliases } from "./core/registry.js";

const NAME = "churn";

/** Distinct users calling the model with one valid row each, until stopped. */
function users(url: string, body: string): { stop: () => Promise<number> } {
  let running = true;
  let sent = 0;
  const client = async (): Promise<void> => {
    while (running) {
      try {
        const r = await fetch(`${url}/v2/models/${NAME}/infer`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-user-id": `user-${sent++}` },
          body,
        });
        await r.arrayBuffer();
      } catch {
        // The deploy gate counts errors from the server's side; a client error here changes nothing.
      }
    }
  };
  const clients = [client(), client()];
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
      return sent;
    },
  };
}

/** One request body for the model's inputs: a single row of 0.5 (every dynamic dimension 1). */
async function sampleBody(url: string): Promise<string> {
  const meta = (await (await fetch(`${url}/v2/models/${NAME}`)).json()) as {
    inputs: { name: string; datatype: string; shape: number[] }[];
  };
  const inputs = meta.inputs.map((i) => {
    const shape = i.shape.map((d) => (d < 0 ? 1 : d));
    const n = shape.reduce((a, b) => a * b, 1);
    return { name: i.name, shape, datatype: i.datatype, data: new Array<number>(n).fill(i.datatype.startsWith("FP") ? 0.5 : 1) };
  });
  return JSON.stringify({ inputs });
}

export async function demoDeploy(
  ctx: CommandContext,
  out: string,
  config: string,
  runMain: (argv: string[]) => Promise<number>,
): Promise<{ code: number; line: string }> {
  const reg = path.join(out, "registry");
  const abs = path.resolve(ctx.cwd, reg);
  rmSync(abs, { recursive: true, force: true });
  mkdirSync(abs, { recursive: true });
  await stageVersion(abs, path.resolve(ctx.cwd, "examples/models/baseline.onnx"), {
    name: NAME,
    version: "v1.0.0",
    source: "examples/models/baseline.onnx",
    gates: [],
  });
  writeAliases(abs, NAME, { champion: "v1.0.0", challenger: null, weight: 0, mode: "split", previous: null });
  // Loaded here: onnxruntime and the server are for this step only.
  const { startServer } = await import("./serve/server.js");
  const server = await startServer({ registry: abs, port: 0, windowSeconds: 2, statusIntervalMs: 250 });
  ctx.stdout.write(`mlgate serve: ${server.url} serves ${NAME} v1.0.0 (the baseline) from ${reg}\n`);
  let load: { stop: () => Promise<number> } | undefined;
  try {
    load = users(server.url, await sampleBody(server.url));
    const code = await runMain([
      "deploy",
      "--model",
      "examples/models/candidate.onnx",
      "--version",
      "v1.1.0",
      "--environment",
      "demo",
      "--name",
      NAME,
      "--target",
      `registry:${reg}`,
      "--reports",
      out,
      // The data gate's planted failures are about the data file, not this model.
      "--require",
      "mlgate/model,mlgate/onnx",
      "--strategy",
      "canary",
      "--steps",
      "25,100",
      "--watch",
      "2s",
      "--config",
      config,
      "--json",
      path.join(out, "deploy.json"),
      "--markdown",
      path.join(out, "deploy.md"),
      "--no-publish",
      ...(ctx.bool("quiet") ? ["--quiet"] : []),
    ]);
    const sent = await load.stop();
    load = undefined;
    const line =
      code === 0
        ? `Deployed the candidate as ${NAME} v1.1.0 through a canary (25% -> 100%) under ${sent} requests; mlgate serve stopped.`
        : `The deploy gate exited ${code} (see ${path.join(out, "deploy.md")}); mlgate serve stopped.`;
    return { code, line };
  } finally {
    await load?.stop();
    await server.close();
  }
}

#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  stageVersion,
  writeAliases
} from "./chunk-R6IAO5N7.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";

// src/demo-deploy.ts
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
var NAME = "churn";
function users(url, body) {
  let running = true;
  let sent = 0;
  const client = async () => {
    while (running) {
      try {
        const r = await fetch(`${url}/v2/models/${NAME}/infer`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-user-id": `user-${sent++}` },
          body
        });
        await r.arrayBuffer();
      } catch {
      }
    }
  };
  const clients = [client(), client()];
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
      return sent;
    }
  };
}
async function sampleBody(url) {
  const meta = await (await fetch(`${url}/v2/models/${NAME}`)).json();
  const inputs = meta.inputs.map((i) => {
    const shape = i.shape.map((d) => d < 0 ? 1 : d);
    const n = shape.reduce((a, b) => a * b, 1);
    return { name: i.name, shape, datatype: i.datatype, data: new Array(n).fill(i.datatype.startsWith("FP") ? 0.5 : 1) };
  });
  return JSON.stringify({ inputs });
}
async function demoDeploy(ctx, out, config, runMain) {
  const reg = path.join(out, "registry");
  const abs = path.resolve(ctx.cwd, reg);
  rmSync(abs, { recursive: true, force: true });
  mkdirSync(abs, { recursive: true });
  await stageVersion(abs, path.resolve(ctx.cwd, "examples/models/baseline.onnx"), {
    name: NAME,
    version: "v1.0.0",
    source: "examples/models/baseline.onnx",
    gates: []
  });
  writeAliases(abs, NAME, { champion: "v1.0.0", challenger: null, weight: 0, mode: "split", previous: null });
  const { startServer } = await import("./server-34YR7F7Q.js");
  const server = await startServer({ registry: abs, port: 0, windowSeconds: 2, statusIntervalMs: 250 });
  ctx.stdout.write(`mlgate serve: ${server.url} serves ${NAME} v1.0.0 (the baseline) from ${reg}
`);
  let load;
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
      ...ctx.bool("quiet") ? ["--quiet"] : []
    ]);
    const sent = await load.stop();
    load = void 0;
    const line = code === 0 ? `Deployed the candidate as ${NAME} v1.1.0 through a canary (25% -> 100%) under ${sent} requests; mlgate serve stopped.` : `The deploy gate exited ${code} (see ${path.join(out, "deploy.md")}); mlgate serve stopped.`;
    return { code, line };
  } finally {
    await load?.stop();
    await server.close();
  }
}
export {
  demoDeploy
};

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { stageVersion, writeAliases } from "../../src/core/registry.js";
import { startServer, type RunningServer } from "../../src/serve/server.js";
import { scaleModel, tmpDir } from "./support.js";

let dir: string;
let server: RunningServer;
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

beforeAll(async () => {
  dir = tmpDir();
  const reg = path.join(dir, "reg");
  mkdirSync(reg);
  for (const [v, k] of [
    ["a", 1],
    ["b", 3],
  ] as const) {
    const file = path.join(dir, `${v}.onnx`);
    writeFileSync(file, scaleModel(k));
    await stageVersion(reg, file, { name: "churn", version: v, gates: [] });
  }
  writeAliases(reg, "churn", { champion: "a", challenger: "b", weight: 10, mode: "split", previous: null });
  server = await startServer({ registry: reg, port: 0 });
});

afterAll(async () => {
  agent.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One inference as user `user`: the version that answered, checked against its own computation (a: x, b: 3x). */
function ask(user: string, x: number): Promise<string> {
  const body = JSON.stringify({ inputs: [{ name: "x", shape: [1, 2], datatype: "FP32", data: [x, 1] }] });
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/v2/models/churn/infer`,
      { method: "POST", agent, headers: { "x-user-id": user, "content-length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => {
          const v = String(res.headers["x-model-version"]);
          const y = (JSON.parse(text) as { outputs: { data: number[] }[] }).outputs[0]!.data[0];
          if (res.statusCode !== 200 || y !== x * (v === "b" ? 3 : 1)) reject(new Error(`${res.statusCode} ${v} ${text}`));
          else resolve(v);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function all(users: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < users.length) {
        const i = next++;
        out.set(users[i]!, await ask(users[i]!, i % 50));
      }
    }),
  );
  return out;
}

it("over HTTP, a 10% canary answers 10% ± 2% of 10,000 distinct users from the challenger, and each user always from the same version", async () => {
  const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
  const first = await all(users);
  const share = [...first.values()].filter((v) => v === "b").length / users.length;
  expect(share).toBeGreaterThanOrEqual(0.08);
  expect(share).toBeLessThanOrEqual(0.12);
  // Asked again (another order, other inputs): every one of 2,000 users gets the version it got before.
  const again = await all(users.filter((_, i) => i % 5 === 0).reverse());
  const moved = [...again].filter(([u, v]) => first.get(u) !== v);
  expect(moved).toEqual([]);
  expect(server.status().models.churn!.versions.b!.requests).toBe(
    [...first.values(), ...again.values()].filter((v) => v === "b").length,
  );
}, 120_000);

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { stageVersion, writeAliases, type AliasesView, type ServerStatus } from "../../src/core/registry.js";
import { getJson, scaleModel, startServe, tmpDir, until, type ServeProcess } from "./support.js";

const TOKEN = "load-token";
let dir: string;
let reg: string;
let s: ServeProcess;

beforeAll(async () => {
  dir = tmpDir();
  reg = path.join(dir, "reg");
  mkdirSync(reg);
  for (const [v, k] of [
    ["a", 1],
    ["b", 2],
  ] as const) {
    const file = path.join(dir, `${v}.onnx`);
    writeFileSync(file, scaleModel(k));
    await stageVersion(reg, file, { name: "churn", version: v, gates: [] });
  }
  writeAliases(reg, "churn", { champion: "a", challenger: "b", weight: 0, mode: "split", previous: null });
  s = await startServe(["--registry", reg, "--allow-outside-workspace"], { MLGATE_ADMIN_TOKEN: TOKEN });
});

afterAll(async () => {
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

const K: Record<string, number> = { a: 1, b: 2 };

it("fails no request while weights move 0→10→50→100→0 (admin API and aliases.json) and versions are swapped out and back", async () => {
  let stop = false;
  const failures: string[] = [];
  const served: Record<string, number> = { a: 0, b: 0 };
  let n = 0;
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      const x = (w * 1000 + i) % 97;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (i % 2 === 0) headers["x-user-id"] = `user-${w}-${i % 50}`;
      try {
        const r = await fetch(`${s.url}/v2/models/churn/infer`, {
          method: "POST",
          headers,
          body: JSON.stringify({ inputs: [{ name: "x", shape: [1, 2], datatype: "FP32", data: [x, 1] }] }),
        });
        const text = await r.text();
        const version = r.headers.get("x-model-version") ?? "";
        const body = JSON.parse(text) as { outputs?: { data: number[] }[] };
        // Every answer must be the named version's own computation on this request's input.
        if (r.status !== 200 || body.outputs?.[0]?.data[0] !== x * (K[version] ?? NaN))
          failures.push(`${r.status} ${version} ${text}`);
        else served[version]!++;
      } catch (e) {
        failures.push(String(e));
      }
      n++;
    }
  };
  const workers = Array.from({ length: 12 }, (_, w) => worker(w));
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const generation = async (): Promise<number> =>
    ((await getJson(`${s.url}/v1/status`)).body as ServerStatus).models.churn!.generation;
  await pause(200);

  // Through the admin API (answered once applied).
  let g = await generation();
  for (const weight of [0, 10, 50, 100, 0]) {
    const r = await fetch(`${s.url}/v1/admin/models/churn/aliases`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ champion: "a", challenger: "b", weight, expectGeneration: g }),
    });
    expect(r.status).toBe(200);
    g = ((await r.json()) as { generation: number }).generation;
    await pause(150);
  }

  // Through aliases.json, as the deploy gate's registry: target writes it; the server follows.
  const move = async (v: AliasesView): Promise<void> => {
    const written = writeAliases(reg, "churn", v);
    await until(
      async () => ((await generation()) === written.generation ? true : undefined),
      10_000,
      `generation ${written.generation}`,
    );
    await pause(150);
  };
  for (const weight of [0, 10, 50, 100, 0]) await move({ champion: "a", challenger: "b", weight, mode: "split", previous: null });
  // Promote b, then drop a entirely (its session released after its requests drain), then bring a back from disk.
  await move({ champion: "b", challenger: null, weight: 0, mode: "split", previous: "a" });
  await move({ champion: "b", challenger: null, weight: 0, mode: "split", previous: null });
  await move({ champion: "a", challenger: null, weight: 0, mode: "split", previous: null });

  stop = true;
  await Promise.all(workers);
  expect(failures).toEqual([]);
  expect(served.a).toBeGreaterThan(50);
  expect(served.b).toBeGreaterThan(50);
  expect(n).toBe(served.a! + served.b!);
  const st = (await getJson(`${s.url}/v1/status`)).body as ServerStatus;
  expect(Object.keys(st.models.churn!.versions)).toEqual(["a"]);
});

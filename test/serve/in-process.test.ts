import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stageVersion, writeAliases } from "../../src/core/registry.js";
import { startServer } from "../../src/serve/server.js";
import { postJson, scaleModel, tmpDir, until } from "./support.js";

let dir: string;
let reg: string;

beforeAll(async () => {
  dir = tmpDir();
  reg = path.join(dir, "reg");
  mkdirSync(reg);
  for (const [v, k] of [
    ["a", 1],
    ["b", 3],
  ] as const) {
    const file = path.join(dir, `${v}.onnx`);
    writeFileSync(file, scaleModel(k));
    await stageVersion(reg, file, { name: "churn", version: v, gates: [] });
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const body = { inputs: [{ name: "x", shape: [1, 2], datatype: "FP32", data: [2, 1] }] };

describe("startServer (in-process, as the deploy gate's tests and demo use it)", () => {
  it("serves a registry, writes its status file, and removes it on close()", async () => {
    writeAliases(reg, "churn", { champion: "a", challenger: null, weight: 0, mode: "split", previous: null });
    const logs: string[] = [];
    const server = await startServer({ registry: reg, port: 0, log: (m) => logs.push(m) });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.registry).toBe(reg);
    expect(await postJson(`${server.url}/v2/models/churn/infer`, body)).toMatchObject({ status: 200, version: "a" });
    expect(server.status().models.churn!.versions.a!.requests).toBe(1);
    const file = path.join(reg, "status", `127.0.0.1_${server.port}.json`);
    expect(existsSync(file)).toBe(true);
    expect(logs).toEqual(["churn: applied generation 1 (champion a)"]);
    await server.close();
    expect(readdirSync(path.join(reg, "status"))).toEqual([]);
    await expect(fetch(`${server.url}/v2/health/live`)).rejects.toThrow();
  });

  it("in shadow mode answers from the champion and measures the challenger on copies", async () => {
    writeAliases(reg, "churn", { champion: "a", challenger: "b", weight: 100, mode: "shadow", previous: null });
    const server = await startServer({ registry: reg, port: 0 });
    try {
      for (let i = 0; i < 5; i++)
        expect(await postJson(`${server.url}/v2/models/churn/infer`, body)).toMatchObject({
          status: 200,
          version: "a",
          body: { model_version: "a", outputs: [{ data: [2, 1] }] },
        });
      const st = await until(() => {
        const m = server.status().models.churn!;
        return m.versions.b!.requests === 5 ? m : undefined;
      });
      expect([st.mode, st.versions.a!.requests, st.versions.b!.errors, st.versions.a!.weight, st.versions.b!.weight]).toEqual([
        "shadow",
        5,
        0,
        100,
        0,
      ]);
    } finally {
      await server.close();
    }
  });
});

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readAliases,
  readHistory,
  readLock,
  readServerStatuses,
  registryPaths,
  stageVersion,
  writeAliases,
  type AliasesView,
  type ServerStatus,
} from "../../src/core/registry.js";
import { getJson, postJson, scaleModel, startServe, tmpDir, until, type ServeProcess } from "./support.js";

const TOKEN = "registry-admin-token";
const auth = { authorization: `Bearer ${TOKEN}` };

let dir: string;
let reg: string;
let s: ServeProcess;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = tmpDir();
  reg = path.join(dir, "reg");
  mkdirSync(reg);
  for (const k of [1, 2, 4]) {
    files[k] = path.join(dir, `scale${k}.onnx`);
    writeFileSync(files[k], scaleModel(k));
  }
  writeFileSync(path.join(dir, "token"), `${TOKEN}\n`);
  s = await startServe(["--registry", reg, "--admin-token-file", path.join(dir, "token"), "--allow-outside-workspace"]);
});

afterAll(async () => {
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

function statusFile(): ServerStatus | undefined {
  return readServerStatuses(reg).find((x) => x.url === s.url);
}

/** Waits until this server's status file reports `generation` applied for churn. */
function applied(generation: number): Promise<ServerStatus> {
  return until(
    () => {
      const st = statusFile();
      return st?.models.churn?.generation === generation ? st : undefined;
    },
    10_000,
    `generation ${generation} in the status file`,
  );
}

const view = (v: Partial<AliasesView>): AliasesView => ({
  champion: null,
  challenger: null,
  weight: 0,
  mode: "split",
  previous: null,
  ...v,
});

/** Infers x = [1, 1] as `user`; the answer is [k, k] for the version with factor k. */
async function ask(
  user?: string,
  url = `${s.url}/v2/models/churn/infer`,
): Promise<{ status: number; version: string | null; k: number }> {
  const r = await postJson(
    url,
    { inputs: [{ name: "x", shape: [1, 2], datatype: "FP32", data: [1, 1] }] },
    user ? { "x-user-id": user } : {},
  );
  const out = (r.body as { outputs?: { data: number[] }[] }).outputs;
  return { status: r.status, version: r.version, k: out?.[0]?.data[0] ?? NaN };
}

describe("mlgate serve --registry follows the registry without a restart", () => {
  it("starts on an empty registry, not ready, and becomes ready once a version is deployed", async () => {
    expect(await getJson(`${s.url}/v2/health/ready`)).toEqual({ status: 503, body: { ready: false } });
    const st = await until(statusFile, 5000, "the status file");
    expect([st.ready, st.models, st.url, st.pid]).toEqual([false, {}, s.url, s.child.pid]);
    await stageVersion(reg, files[1]!, { name: "churn", version: "v1", gates: [] });
    await stageVersion(reg, files[2]!, { name: "churn", version: "v2", gates: [] });
    writeAliases(reg, "churn", view({ champion: "v1" }));
    const after = await applied(1);
    expect(after.ready).toBe(true);
    expect(await getJson(`${s.url}/v2/health/ready`)).toEqual({ status: 200, body: { ready: true } });
    expect(await ask("u1")).toEqual({ status: 200, version: "v1", k: 1 });
  });

  it("loads a staged challenger for direct calls, then moves traffic by weight, sticky per user", async () => {
    writeAliases(reg, "churn", view({ champion: "v1", challenger: "v2", weight: 0 }));
    let st = await applied(2);
    expect(Object.keys(st.models.churn!.versions).sort()).toEqual(["v1", "v2"]);
    expect(await ask(undefined, `${s.url}/v2/models/churn/versions/v2/infer`)).toEqual({ status: 200, version: "v2", k: 2 });
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    for (const u of users.slice(0, 50)) expect(await ask(u)).toEqual({ status: 200, version: "v1", k: 1 });

    writeAliases(reg, "churn", view({ champion: "v1", challenger: "v2", weight: 50 }));
    await applied(3);
    const first = new Map<string, string | null>();
    for (const u of users) {
      const r = await ask(u);
      expect(r.status).toBe(200);
      expect(r.k).toBe(r.version === "v2" ? 2 : 1);
      first.set(u, r.version);
    }
    const onV2 = [...first.values()].filter((v) => v === "v2").length;
    expect(onV2).toBeGreaterThan(60);
    expect(onV2).toBeLessThan(140);
    for (const u of users.slice(0, 60)) expect((await ask(u)).version).toBe(first.get(u));
    // The live status (the file is rewritten every second, so it may lag these requests).
    st = (await getJson(`${s.url}/v1/status`)).body as ServerStatus;
    const m = st.models.churn!;
    expect([m.champion, m.challenger, m.weight, m.versions.v1!.weight, m.versions.v2!.weight]).toEqual(["v1", "v2", 50, 50, 50]);
    expect(m.versions.v2!.requests).toBe(1 + onV2 + [...first].slice(0, 60).filter(([, v]) => v === "v2").length);

    // Promotion: every user on v2; v1 stays loaded as `previous`, so a rollback needs no load.
    writeAliases(reg, "churn", view({ champion: "v2", previous: "v1" }));
    st = await applied(4);
    expect(Object.fromEntries(Object.values(st.models.churn!.versions).map((v) => [v.version, v.role]))).toEqual({
      v1: "previous",
      v2: "champion",
    });
    for (const u of users.slice(0, 20)) expect(await ask(u)).toEqual({ status: 200, version: "v2", k: 2 });
  });

  it("keeps serving the generation before when a new one names a model that does not load, and says why", async () => {
    const bad = registryPaths(reg, "churn").version("v3");
    await stageVersion(reg, files[4]!, { name: "churn", version: "v3", gates: [] });
    // A digest that does not match what is on disk: the server refuses to serve it.
    writeFileSync(bad.model, scaleModel(5));
    writeAliases(reg, "churn", view({ champion: "v2", challenger: "v3", weight: 100, previous: "v1" }));
    const st = await until(() => statusFile()?.models.churn?.error, 10_000, "the error in the status file");
    expect(st).toMatch(
      new RegExp(`^${bad.model.replace(/[.]/g, "\\.")}: has SHA-256 [0-9a-f]{12}…, but its manifest says [0-9a-f]{12}…$`),
    );
    expect(statusFile()!.models.churn!.generation).toBe(4);
    expect(await ask("anyone")).toEqual({ status: 200, version: "v2", k: 2 });
    expect(s.stderr()).toContain(`mlgate serve: churn: ${st}\n`);
    writeAliases(reg, "churn", view({ champion: "v2", previous: "v1" }));
    const ok = await applied(6);
    expect(ok.models.churn!.error).toBeUndefined();
  });

  it("stages versions and moves traffic through the admin API, on the same registry files", async () => {
    const bytes = readFileSync(files[4]!);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const put = (version: string, body: Buffer, manifest: object) =>
      fetch(`${s.url}/v1/admin/models/churn/versions/${version}`, {
        method: "PUT",
        headers: {
          ...auth,
          "content-type": "application/octet-stream",
          "x-mlgate-manifest": Buffer.from(JSON.stringify(manifest)).toString("base64"),
        },
        body,
      });
    const created = await put("v4", bytes, { sha256, tag: "v4.0.0", gates: [] });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "churn", version: "v4", sha256, tag: "v4.0.0", bytes: bytes.length });
    expect(readFileSync(registryPaths(reg, "churn").version("v4").model)).toEqual(bytes);
    expect(await ask(undefined, `${s.url}/v2/models/churn/versions/v4/infer`)).toEqual({ status: 200, version: "v4", k: 4 });
    expect((await put("v4", bytes, { sha256 })).status).toBe(200);
    const other = Buffer.from(scaleModel(9));
    const otherSha = createHash("sha256").update(other).digest("hex");
    expect(await (await put("v4", other, { sha256: otherSha })).json()).toEqual({
      error: `version "v4" of model "churn" is already staged with SHA-256 ${sha256}; a version is immutable, stage a new version`,
    });
    const mismatch = await put("v5", other, { sha256 });
    expect([mismatch.status, await mismatch.json()]).toEqual([
      422,
      { error: `the manifest's sha256 "${sha256}" is not the body's SHA-256 ${otherSha}` },
    ]);
    expect(existsSync(registryPaths(reg, "churn").version("v5").dir)).toBe(false);

    const aliases = (body: object) =>
      fetch(`${s.url}/v1/admin/models/churn/aliases`, { method: "PUT", headers: auth, body: JSON.stringify(body) });
    const gen = readAliases(reg, "churn").generation;
    const stale = await aliases({ champion: "v2", challenger: "v4", weight: 100, expectGeneration: gen - 1 });
    expect([stale.status, await stale.json()]).toEqual([
      409,
      { error: `the aliases of "churn" are at generation ${gen}, not ${gen - 1}` },
    ]);
    const missing = await aliases({ champion: "v2", challenger: "v9", weight: 10 });
    expect([missing.status, await missing.json()]).toEqual([422, { error: `version "v9" of model "churn" is not staged` }]);
    const moved = await aliases({ champion: "v2", challenger: "v4", weight: 100, expectGeneration: gen });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({
      generation: gen + 1,
      champion: "v2",
      challenger: "v4",
      weight: 100,
      previous: "v1",
    });
    // Answered once applied: the very next request already goes to v4.
    expect(await ask("u1")).toEqual({ status: 200, version: "v4", k: 4 });
    expect(readAliases(reg, "churn")).toMatchObject({ generation: gen + 1, challenger: "v4", weight: 100 });

    const lock = (method: string, body?: object, query = "") =>
      fetch(`${s.url}/v1/admin/models/churn/lock${query}`, {
        method,
        headers: auth,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const before = view({ champion: "v2", previous: "v1" });
    const got = await lock("POST", { version: "v4", environment: "production", strategy: "canary", phase: "stage", before });
    expect(got.status).toBe(201);
    const held = (await got.json()) as { id: string; pid: number };
    expect(held.pid).toBe(s.child.pid);
    const again = await lock("POST", { version: "v5", environment: "production", strategy: "canary", phase: "stage", before });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: `a rollout of "churn" holds the lock (version v4, stage)`,
      holder: { id: held.id },
      stale: false,
    });
    expect(await (await lock("PUT", { id: held.id, phase: "step 1/3 (10%)" })).json()).toMatchObject({ phase: "step 1/3 (10%)" });
    // The deploy's GitHub deployment, once it has one: kept by later heartbeats, for whoever resolves a killed deploy.
    const badId = await lock("PUT", { id: held.id, deploymentId: "../../repos" });
    expect([badId.status, await badId.json()]).toEqual([
      400,
      { error: `"deploymentId" must be 1 to 100 letters, digits, dots, dashes or underscores` },
    ]);
    expect(await (await lock("PUT", { id: held.id, phase: "step 1/3 (10%)", deploymentId: "4711" })).json()).toMatchObject({
      phase: "step 1/3 (10%)",
      deploymentId: "4711",
    });
    expect(await (await lock("PUT", { id: held.id, phase: "step 2/3 (50%)" })).json()).toMatchObject({
      phase: "step 2/3 (50%)",
      deploymentId: "4711",
    });
    expect(readLock(reg, "churn")?.deploymentId).toBe("4711");
    expect((await lock("DELETE", undefined, "?id=wrong")).status).toBe(409);
    expect((await lock("DELETE", undefined, `?id=${held.id}`)).status).toBe(204);
    expect(existsSync(registryPaths(reg, "churn").lock)).toBe(false);
    // A deploy names itself: the lock is its own (killed, it is stale at once on its host), not the server's.
    const gone = 2 ** 22 + 1;
    const named = await lock("POST", {
      version: "v5",
      environment: "production",
      strategy: "canary",
      phase: "stage",
      before,
      pid: gone,
      host: "ci-runner-7",
    });
    expect(named.status).toBe(201);
    const n = (await named.json()) as { id: string; pid: number; host: string };
    expect([n.pid, n.host]).toEqual([gone, "ci-runner-7"]);
    expect((await lock("DELETE", undefined, `?id=${n.id}`)).status).toBe(204);
    const bad = await lock("POST", {
      version: "v5",
      environment: "production",
      strategy: "canary",
      phase: "stage",
      before,
      pid: -1,
    });
    expect([bad.status, await bad.json()]).toEqual([400, { error: `"pid" must be a positive integer` }]);
    expect(existsSync(registryPaths(reg, "churn").lock)).toBe(false);

    const ev = await fetch(`${s.url}/v1/admin/models/churn/history`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ event: "traffic", version: "v4", message: "100%" }),
    });
    expect(ev.status).toBe(201);
    expect(readHistory(reg, "churn").map((e) => [e.event, e.version, e.message])).toEqual([["traffic", "v4", "100%"]]);
    expect(await getJson(`${s.url}/v1/admin/models/churn/history`, auth)).toMatchObject({
      status: 200,
      body: [{ event: "traffic", version: "v4" }],
    });
    const model = (await getJson(`${s.url}/v1/admin/models/churn`, auth)).body as {
      versions: { version: string }[];
      lock: unknown;
    };
    expect([model.versions.map((v) => v.version), model.lock]).toEqual([["v1", "v2", "v3", "v4"], null]);
  });

  it("removes its status file on a clean stop", async () => {
    expect(readdirSync(path.join(reg, "status")).filter((f) => !f.startsWith("."))).toHaveLength(1);
    expect(await s.stop()).toBe(0);
    expect(readdirSync(path.join(reg, "status"))).toEqual([]);
  });
});

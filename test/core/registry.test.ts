import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  acquireLock,
  appendHistory,
  checkRegistryName,
  isLockStale,
  listModels,
  listVersions,
  readAliases,
  readHistory,
  readLock,
  readServerStatuses,
  registryPaths,
  releaseLock,
  stageVersion,
  updateLock,
  writeAliases,
  writeServerStatus,
  type ServerStatus,
} from "../../src/core/registry.js";

let dir: string;
let model: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "mlgate-registry-"));
  model = path.join(dir, "in.onnx");
  writeFileSync(model, "model bytes v1");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const reg = () => path.join(dir, "reg");
const base = { name: "churn", gates: [] };

describe("registry", () => {
  it("stages a version atomically with its digest and lists it", async () => {
    const { created, manifest } = await stageVersion(reg(), model, { ...base, version: "v1.0.0", tag: "v1.0.0" });
    expect(created).toBe(true);
    // sha256("model bytes v1")
    expect(manifest.sha256).toBe(createHash("sha256").update(readFileSync(model)).digest("hex"));
    expect(manifest.bytes).toBe(14);
    const p = registryPaths(reg(), "churn").version("v1.0.0");
    expect(readFileSync(p.model, "utf8")).toBe("model bytes v1");
    expect(readdirSync(path.join(reg(), "churn", "versions"))).toEqual(["v1.0.0"]);
    expect(listVersions(reg(), "churn").map((m) => m.version)).toEqual(["v1.0.0"]);
    expect(listModels(reg())).toEqual(["churn"]);
  });

  it("reuses an identical version and refuses the same version with other bytes", async () => {
    await stageVersion(reg(), model, { ...base, version: "v1" });
    expect((await stageVersion(reg(), model, { ...base, version: "v1" })).created).toBe(false);
    writeFileSync(model, "other bytes");
    await expect(stageVersion(reg(), model, { ...base, version: "v1" })).rejects.toThrow(
      /^version v1 of churn is already in the registry with SHA-256 [0-9a-f]{12}…, not [0-9a-f]{12}…; a version is immutable, deploy under a new version$/,
    );
  });

  it("bumps the generation on every aliases write and refuses unstaged versions", async () => {
    expect(readAliases(reg(), "churn").generation).toBe(0);
    await stageVersion(reg(), model, { ...base, version: "v1" });
    const a = writeAliases(reg(), "churn", { champion: "v1", challenger: null, weight: 0, mode: "split", previous: null });
    expect(a.generation).toBe(1);
    expect(readAliases(reg(), "churn")).toEqual(a);
    expect(() =>
      writeAliases(reg(), "churn", { champion: "v1", challenger: "v2", weight: 10, mode: "split", previous: null }),
    ).toThrow(`version v2 of churn is not staged in ${reg()}`);
    expect(() =>
      writeAliases(reg(), "churn", { champion: "v1", challenger: null, weight: 0, mode: "split", previous: null }, 0),
    ).toThrow(/changed under the rollout \(generation 1, expected 0\)/);
    expect(() =>
      writeAliases(reg(), "churn", { champion: "v1", challenger: null, weight: 101, mode: "split", previous: null }),
    ).toThrow("traffic weight 101 is outside 0..100");
  });

  it("gives the lock to one rollout and sees a dead holder as stale", () => {
    const before = { champion: null, challenger: null, weight: 0, mode: "split" as const, previous: null };
    const first = acquireLock(reg(), "churn", {
      version: "v1",
      environment: "prod",
      strategy: "canary",
      phase: "verify",
      before,
    });
    expect(first.acquired).toBe(true);
    const second = acquireLock(reg(), "churn", {
      version: "v2",
      environment: "prod",
      strategy: "direct",
      phase: "verify",
      before,
    });
    expect(second).toMatchObject({ acquired: false, stale: false, holder: { version: "v1" } });
    if (!first.acquired) throw new Error("unreachable");
    expect(updateLock(reg(), "churn", first.lock.id, { phase: "step 1/3 (10%)" }).phase).toBe("step 1/3 (10%)");
    expect(() => updateLock(reg(), "churn", "someone-else")).toThrow(/no longer held by rollout someone-else/);
    // A holder whose process has exited on this host.
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    expect(isLockStale({ ...first.lock, pid: Number(dead.stdout) })).toBe(true);
    expect(isLockStale({ ...first.lock, heartbeatAt: new Date(Date.now() - 61_000).toISOString() })).toBe(true);
    releaseLock(reg(), "churn", first.lock.id);
    expect(readLock(reg(), "churn")).toBeUndefined();
  });

  it("keeps an append-only history and skips a line cut by a crash", () => {
    appendHistory(reg(), "churn", { event: "staged", version: "v1" });
    appendHistory(reg(), "churn", { event: "promoted", version: "v1" });
    writeFileSync(registryPaths(reg(), "churn").history, '{"at":"x","event":"tra', { flag: "a" });
    expect(readHistory(reg(), "churn").map((e) => e.event)).toEqual(["staged", "promoted"]);
  });

  it("reads only fresh server statuses", () => {
    const s: ServerStatus = {
      schemaVersion: 1,
      url: "http://127.0.0.1:8080",
      pid: 1,
      host: "h",
      startedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      ready: true,
      models: {},
    };
    writeServerStatus(reg(), s);
    writeServerStatus(reg(), { ...s, url: "http://127.0.0.1:8081", updatedAt: new Date(Date.now() - 60_000).toISOString() });
    expect(readServerStatuses(reg()).map((x) => x.url)).toEqual(["http://127.0.0.1:8080"]);
    expect(existsSync(path.join(reg(), "status", "127.0.0.1_8080.json"))).toBe(true);
  });

  it("refuses names that would leave the registry folder", () => {
    expect(() => checkRegistryName("version", "../x", "--version")).toThrow(
      '--version "../x" is not a valid version: use 1-128 letters, digits, dots, dashes, underscores or plus signs, starting with a letter or digit',
    );
    expect(checkRegistryName("version", "v1.4.0+build.7", "--version")).toBe("v1.4.0+build.7");
  });
});

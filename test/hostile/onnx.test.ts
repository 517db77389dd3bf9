import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/core/onnx/build.js";
import { expandGlob } from "../../src/gates/onnx/glob.js";
import { runBundled } from "../onnx/harness.js";
import { relu, tmpDir, write } from "../onnx/models.js";

/** y = relu(x) with x declared as `shape`. */
function declared(shape: (number | string)[]): Uint8Array {
  return buildModel({
    inputs: [{ name: "x", type: "FLOAT", shape }],
    outputs: [{ name: "y", type: "FLOAT", shape }],
    nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }],
  });
}

async function onnxGate(dir: string, args: string[]): Promise<{ code: number; stderr: string; ms: number }> {
  const t = Date.now();
  const r = await runBundled(["onnx", "--quiet", ...args], dir);
  return { code: r.code, stderr: r.stderr, ms: Date.now() - t };
}

describe("hostile ONNX models: exit 2 and one sentence, not an internal error", () => {
  it("an input declared 2^31 × 3", async () => {
    const dir = tmpDir();
    write(dir, "big.onnx", declared([2 ** 31, 3]));
    const r = await onnxGate(dir, ["--model", "big.onnx"]);
    expect(r.stderr).toBe(
      'mlgate onnx: big.onnx: input "x": declares a dimension of 2147483648; onnxruntime allows at most 2,147,483,647 (2^31 - 1)\n',
    );
    expect(r.code).toBe(2);
  });

  it("an input declared 2^40", async () => {
    const dir = tmpDir();
    write(dir, "huge.onnx", declared([2 ** 40]));
    const r = await onnxGate(dir, ["--model", "huge.onnx"]);
    expect(r.stderr).toBe(
      'mlgate onnx: huge.onnx: input "x": declares a dimension of 1099511627776; onnxruntime allows at most 2,147,483,647 (2^31 - 1)\n',
    );
    expect(r.code).toBe(2);
  });

  it("an input of 65536 × 65536 values to make up (over 16,777,216) stops before it is allocated", async () => {
    const dir = tmpDir();
    write(dir, "wide.onnx", declared(["batch", 65536, 65536]));
    const r = await onnxGate(dir, ["--model", "wide.onnx"]);
    expect(r.stderr).toBe(
      'mlgate onnx: input "x" at 4×65536×65536: would need 17,179,869,184 values to make up its inputs; the ONNX gate makes at most 16,777,216 per input (set smaller sizes in gates.onnx.dims or give --test-data)\n',
    );
    expect(r.code).toBe(2);
  });
});

describe("hostile model globs", () => {
  it("*a*a*a*a*a*a*a*a*b.onnx against a long name answers at once", async () => {
    const dir = tmpDir();
    write(dir, `${"a".repeat(200)}.onnx`, relu());
    const r = await onnxGate(dir, ["--model", "*a*a*a*a*a*a*a*a*b.onnx"]);
    expect(r.stderr).toBe("mlgate onnx: --model *a*a*a*a*a*a*a*a*b.onnx: matches no files\n");
    expect(r.code).toBe(2);
    // It ran past 70 s on a JavaScript regex; a hang now fails on this test's timeout.
  }, 30_000);

  it("an invalid class [z-a]", async () => {
    const dir = tmpDir();
    write(dir, "m.onnx", relu());
    const r = await onnxGate(dir, ["--model", "[z-a].onnx"]);
    expect(r.stderr).toBe("mlgate onnx: --model [z-a].onnx: is not a valid glob (invalid character class range: `z-a`)\n");
    expect(r.code).toBe(2);
  });

  it("a glob over 1,024 characters", async () => {
    const dir = tmpDir();
    const r = await onnxGate(dir, ["--model", `${"*".repeat(1100)}.onnx`]);
    expect(r.stderr).toBe(
      `mlgate onnx: --model ${"*".repeat(40)}…: the pattern is 1,105 characters; a glob may be at most 1,024\n`,
    );
    expect(r.code).toBe(2);
  });

  it("a walk over more entries than the cap stops with a sentence", () => {
    const dir = tmpDir();
    for (let i = 0; i < 30; i++) {
      mkdirSync(path.join(dir, `d${i}`));
      for (let j = 0; j < 5; j++) writeFileSync(path.join(dir, `d${i}`, `f${j}.txt`), "");
    }
    expect(() => expandGlob("**/*.onnx", dir, "--model", 100)).toThrow(
      "--model **/*.onnx: looked at 100 files and folders without finishing; start the glob in a smaller folder",
    );
    expect(expandGlob("**/*.onnx", dir, "--model", 1000)).toEqual([]);
  });

  it("globs people write still match", () => {
    const dir = tmpDir();
    write(dir, "models/a/m1.onnx", relu());
    write(dir, "models/m2.onnx", relu());
    write(dir, "models/[x].onnx", relu());
    const rel = (xs: string[]) => xs.map((f) => path.relative(dir, f).split(path.sep).join("/"));
    expect(rel(expandGlob("models/**/*.onnx", dir))).toEqual(["models/[x].onnx", "models/a/m1.onnx", "models/m2.onnx"]);
    expect(rel(expandGlob("models/m[0-9].onnx", dir))).toEqual(["models/m2.onnx"]);
    expect(rel(expandGlob("models/[!m]*.onnx", dir))).toEqual(["models/[x].onnx"]);
  });
});

describe("artifact name patterns (mlgate publish) run on RE2", () => {
  it("*a*a*a*a*a*a*a*a*b against a 250-character artifact name answers at once", async () => {
    const { namePattern } = await import("../../src/github/artifacts.js");
    const t = Date.now();
    expect(namePattern("*a*a*a*a*a*a*a*a*b").test("a".repeat(250))).toBe(false);
    expect(namePattern("mlgate-*").test("mlgate-data")).toBe(true);
    expect(namePattern("mlgate-?").test("mlgate-ab")).toBe(false);
    // Microseconds on RE2; a JavaScript regex took over 70 s here, so 5 s only catches that.
    expect(Date.now() - t).toBeLessThan(5000);
  });
});

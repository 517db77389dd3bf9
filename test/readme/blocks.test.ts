import { describe, expect, it } from "vitest";
import { codeBlocks } from "./blocks.js";

describe("codeBlocks", () => {
  it("reads each fence with the example comment before it, de-indenting blocks in list items", () => {
    const md = [
      "# T", // 1
      "", // 2
      "<!-- example: shell exit=1 -->", // 3
      "", // 4
      "```sh", // 5
      "mlgate data --data x.csv", // 6
      "```", // 7
      "- item:", // 8
      "", // 9
      '  <!-- example: config save=mlgate.yml args="--fail-on warning" -->', // 10
      "", // 11
      "  ```yaml", // 12
      "  version: 1", // 13
      "  gates: {}", // 14
      "  ```", // 15
      "", // 16
      "Some text.", // 17
      "", // 18
      "```", // 19
      "untested", // 20
      "```", // 21
      "",
    ].join("\n");
    expect(codeBlocks(md)).toEqual([
      { line: 5, lang: "sh", text: "mlgate data --data x.csv\n", kind: "shell", options: { exit: "1" } },
      {
        line: 12,
        lang: "yaml",
        text: "version: 1\ngates: {}\n",
        kind: "config",
        options: { save: "mlgate.yml", args: "--fail-on warning" },
      },
      { line: 19, lang: "", text: "untested\n", kind: undefined, options: {} },
    ]);
  });

  it("does not take a comment that is separated from the fence by text", () => {
    const md = ["<!-- example: shell -->", "", "Text in between.", "", "```sh", "ls", "```", ""].join("\n");
    expect(codeBlocks(md)[0]?.kind).toBeUndefined();
  });
});

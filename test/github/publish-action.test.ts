import { describe, expect, it } from "vitest";
import { publishArgs } from "../../src/actions/publish-action.js";
import { isConfigurationError } from "../../src/core/errors.js";

describe("actions/publish inputs -> mlgate publish arguments", () => {
  it("passes reports (one per line), run id, artifact pattern and config; never the token", () => {
    expect(
      publishArgs({
        "github-token": "ghs_secret",
        report: "mlgate-report/data.json\nmlgate-report/model.json\n",
        "run-id": "5150",
        "artifact-pattern": "mlgate-*",
        config: ".github/mlgate.yml",
      }),
    ).toEqual([
      "publish",
      "--report",
      "mlgate-report/data.json",
      "--report",
      "mlgate-report/model.json",
      "--run-id",
      "5150",
      "--artifact-pattern",
      "mlgate-*",
      "--config",
      ".github/mlgate.yml",
    ]);
    expect(publishArgs({ "github-token": "t", "run-id": "", report: "" })).toEqual(["publish"]);
  });

  it("rejects a run id that is not a number, naming the input", () => {
    let message = "";
    try {
      publishArgs({ "run-id": "12; rm -rf /" });
    } catch (e) {
      message = isConfigurationError(e) ? e.message : "not a ConfigurationError";
    }
    expect(message).toBe('input "run-id" must be a workflow run id (a positive integer), not "12; rm -rf /"');
  });
});

import { main } from "./cli.js";
import { ConfigurationError, errorMessage, isConfigurationError } from "./core/errors.js";
import { readInputsJson, type RawInputs } from "./actions/inputs.js";
import { publishArgs } from "./actions/publish-action.js";
import { onnxCompatArgs } from "./actions/onnx-compat-action.js";
import { dataValidationArgs } from "./actions/data-validation-action.js";
import { modelValidationArgs } from "./actions/model-validation-action.js";
import { deployArgs } from "./actions/deploy-action.js";

/**
 * Entry of every composite action: `node dist/action.js <action>`. Each action turns its inputs
 * into the CLI's arguments with its own typed getInputs(), so an action and `mlgate <gate>` can
 * never disagree about what a setting means.
 */
export type ActionArgs = (inputs: RawInputs) => string[];

/** action folder name -> its argument builder. A gate adds its action here when it lands. */
export const ACTIONS: Record<string, ActionArgs> = {
  "data-validation": dataValidationArgs,
  "model-validation": modelValidationArgs,
  "onnx-compat": onnxCompatArgs,
  publish: publishArgs,
  deploy: deployArgs,
};

/**
 * `abandoned`: called when a gate timed out and its work (a query, a model run, a download) goes on
 * without us; the process entry then ends the process once this returns, as the CLI's does.
 */
export async function runAction(
  name: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  abandoned?: () => void,
): Promise<number> {
  try {
    const build = name ? ACTIONS[name] : undefined;
    if (!build)
      throw new ConfigurationError(`unknown action "${name ?? ""}"; known: ${Object.keys(ACTIONS).join(", ") || "none"}`);
    const args = build(readInputsJson(env));
    return await main(args, {
      stdout: process.stdout,
      stderr: process.stderr,
      env,
      cwd: process.cwd(),
      ...(abandoned ? { abandoned } : {}),
    });
  } catch (e) {
    // Same contract as the CLI: a user mistake is one line and exit 2; a bug says so.
    process.stderr.write(isConfigurationError(e) ? `mlgate: ${e.message}\n` : `mlgate: internal error: ${errorMessage(e)}\n`);
    return 2;
  }
}

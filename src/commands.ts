import type { Command } from "./cli/command.js";
import { demoCommand } from "./demo.js";
import { publishCommand } from "./github/publish-command.js";
import { onnxCommand } from "./gates/onnx/command.js";
import { dataCommand, dataInferCommand } from "./gates/data/command.js";
import { modelCommand, modelMergeCommand } from "./gates/model/command.js";
import { serveCommand } from "./serve/command.js";
import { deployCommand } from "./gates/deploy/command.js";
import { deployRollbackCommand, deployStatusCommand } from "./gates/deploy/manage.js";

/**
 * Every subcommand of `mlgate`, in the order --help lists them. A gate joins this list when it lands.
 */
export const COMMANDS: Command[] = [
  dataCommand,
  dataInferCommand,
  modelCommand,
  modelMergeCommand,
  onnxCommand,
  deployCommand,
  deployStatusCommand,
  deployRollbackCommand,
  serveCommand,
  publishCommand,
  demoCommand,
];

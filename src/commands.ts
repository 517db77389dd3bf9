import type { Command } from "./cli/command.js";
import { publishCommand } from "./github/publish-command.js";

/**
 * Every subcommand of `mlgate`, in the order --help lists them. A gate joins this list when it lands.
 */
export const COMMANDS: Command[] = [publishCommand];

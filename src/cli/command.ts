import type { Writable } from "node:stream";
import type { Config } from "../core/config.js";
import type { PathOptions } from "../core/paths.js";

/** What a command says about one path; the rest comes from the command line. */
export type ResolveOptions = Omit<PathOptions, "cwd" | "env" | "allowOutside" | "allowPaths">;
import type { GateName, Report } from "../core/report.js";

export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  /** Shown in --help after the flag, e.g. FILE, COL, i/n. */
  valueName?: string;
  description: string;
}

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The loaded mlgate.yml (empty when there is none). */
  config: Config;
  configFile?: string;
  /** `mlgate.yml:12`: where a key path is in the config file, for errors found after loading it. */
  configAt?: (segments: readonly (string | number)[]) => string;
  stdout: Writable;
  stderr: Writable;
  /** Progress for long work, on stderr, silenced by --quiet. */
  progress: (message: string) => void;
  /** resolveInputPath (core/paths.ts) with this command's folder, environment and --allow-path/--allow-outside-workspace. */
  resolvePath: (p: string, opts: ResolveOptions) => string;
  /** A string flag's value, or undefined. Repeated flags: the last one wins. */
  str: (name: string) => string | undefined;
  /** All values of a repeatable string flag. */
  list: (name: string) => string[];
  bool: (name: string) => boolean;
}

export interface Command {
  /** `data`, `data infer`, `model merge`. */
  name: string;
  summary: string;
  /** Usage lines after `mlgate `, e.g. `data --data FILE [--schema FILE]`. */
  usage: string[];
  /** Extra paragraphs for --help. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Set for gate commands: the common gate flags are added and `run` returns a Report. */
  gate?: GateName;
  allowPositionals?: boolean;
  /**
   * Whether this invocation yields a verdict to publish (default yes for gates). A shard that only
   * writes statistics must not open a check run that nothing would ever complete.
   */
  publishes?: (ctx: CommandContext) => boolean;
  /**
   * Called with the flags alone, before the config file loads: work that can start this early and
   * that `run` picks up (the model gate starts its helper thread here). Must not throw. The CLI
   * disposes of it when the command ends, whether `run` took it or the command never got that far.
   */
  early?: (ctx: CommandContext) => { dispose(): void } | undefined;
  run(ctx: CommandContext): Promise<Report | number>;
}

/**
 * A mistake the user can fix: a bad flag, a missing file, an invalid config or data file.
 * The CLI prints only the message (one sentence naming the file, line, column or flag) and exits 2.
 * Anything else that escapes a gate is a bug in mlgate and is reported as an internal error.
 */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

export function isConfigurationError(e: unknown): e is ConfigurationError {
  return e instanceof ConfigurationError;
}

/** The message of anything thrown, without assuming it is an Error. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Git LFS pointers: a repository that stores models or data in LFS checks out a ~130-byte text file
 * in their place unless the checkout fetched LFS objects (`actions/checkout` with `lfs: true`). A
 * gate must never judge the pointer's text as the file, so every gate input goes through here.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { ConfigurationError } from "./errors.js";

/** The LFS specification caps pointer files at 1024 bytes. */
const MAX_POINTER_BYTES = 1024;

/** First line of a pointer: the current spec, and the pre-release "hawser" one LFS still accepts. */
const POINTER_START = /^version https:\/\/(git-lfs|hawser)\.github\.com\/spec\/v\d+\r?\n/;

/** True when these bytes are a Git LFS pointer file. */
export function isLfsPointer(bytes: Uint8Array): boolean {
  if (bytes.length > MAX_POINTER_BYTES) return false;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return POINTER_START.test(text) && /\noid sha256:[0-9a-f]{64}\r?\n/.test(text);
}

/** The one sentence every gate gives for a pointer; `shown` names the input (flag and path). */
export function lfsPointerError(shown: string): ConfigurationError {
  return new ConfigurationError(
    `${shown} is a Git LFS pointer; check out with \`lfs: true\` (actions/checkout) or run \`git lfs pull\``,
  );
}

/** Reads at most the first 1025 bytes of `file`: enough to tell a pointer from anything else. */
function head(file: string): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(MAX_POINTER_BYTES + 1);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Throws lfsPointerError when the file at `file` is a Git LFS pointer. */
export function assertNotLfsPointer(file: string, shown: string): void {
  if (isLfsPointer(head(file))) throw lfsPointerError(shown);
}

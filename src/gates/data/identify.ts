import type { ColumnProfile } from "./profile.js";

const ID_NAME = /(^|[_\s.-])(id|uuid|guid|key)$|^id[_\s.-]|Id$|ID$/;

/**
 * An identifier column: every value distinct, and either named like an id or text (an all-distinct
 * text column is a key, not a feature). Identifiers get a unique check and stay out of drift and
 * ranges: their distribution says nothing about the data.
 */
export function looksLikeIdentifier(p: ColumnProfile, rows: number): boolean {
  if (rows < 2 || p.missing > 0) return false;
  // HyperLogLog is within a few percent; the exact check is the unique rule itself.
  const allDistinct = p.distinct >= rows * 0.97;
  if (!allDistinct) return false;
  if (ID_NAME.test(p.name)) return p.kind !== "temporal";
  return p.kind === "categorical" && p.type === "VARCHAR";
}

import type { ColumnProfile } from "./profile.js";

const ID_NAME = /(^|[_\s.-])(id|uuid|guid|key)$|^id[_\s.-]|Id$|ID$/;

/** `id`, `customer_id`, `userId`, `order-key`… */
export const isIdName = (name: string): boolean => ID_NAME.test(name);

/**
 * An identifier column: every value distinct, and either named like an id or text (an all-distinct
 * text column is a key, not a feature). Identifiers get a unique check and stay out of drift and
 * ranges: their distribution says nothing about the data.
 */
export function looksLikeIdentifier(p: ColumnProfile, rows: number): boolean {
  if (rows < 2 || p.missing > 0) return false;
  // HyperLogLog is within a few percent; infer confirms with an exact count.
  const allDistinct = (p.distinct ?? 0) >= rows * 0.9;
  if (!allDistinct) return false;
  if (ID_NAME.test(p.name)) return p.kind !== "temporal";
  return p.kind === "categorical" && p.type === "VARCHAR";
}

#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  csvDialect,
  csvRejectsArgs,
  formatOf
} from "./chunk-L3ZXLXRE.js";
import {
  sqlIdent
} from "./chunk-3ILC2NNE.js";

// src/core/table/stream.ts
import { existsSync, statSync } from "node:fs";
async function csvSource(conn, file, options) {
  const info = await sniffCsvSource(conn, file, options);
  return info && bindCsvSource(info, conn);
}
async function sniffCsvSource(conn, file, options) {
  const display = options.display ?? file;
  let format;
  try {
    format = formatOf(file, display);
  } catch {
    return void 0;
  }
  if (format !== "csv" && format !== "tsv") return void 0;
  if (/[*?[]/.test(file) || !existsSync(file)) return void 0;
  const st = statSync(file);
  if (!st.isFile() || st.size === 0) return void 0;
  let dialect;
  try {
    dialect = await csvDialect(conn, file, format, options.types, display);
  } catch {
    return void 0;
  }
  if (!dialect.sniffed || dialect.recordOffset !== 0) return void 0;
  const base = dialect.args;
  let columns;
  try {
    const d = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${base.join(", ")})`);
    columns = d.getRowObjects().map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
  } catch {
    return void 0;
  }
  return {
    name: options.name,
    strictFrom: `read_csv(${base.join(", ")})`,
    from: `read_csv(${[...base, ...csvRejectsArgs(options.name)].join(", ")})`,
    args: base,
    format,
    file,
    display,
    columns
  };
}
function bindCsvSource(info, conn) {
  const rejects = `${info.name}__rejects`;
  const scan = `${info.name}__rejects_scan`;
  return {
    ...info,
    rejectCount: async () => {
      const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${sqlIdent(rejects)}`);
      return Number(r.getRowObjects()[0]?.n ?? 0);
    },
    dispose: async () => {
      await conn.run(`DROP TABLE IF EXISTS ${sqlIdent(rejects)}; DROP TABLE IF EXISTS ${sqlIdent(scan)}`);
    }
  };
}

export {
  csvSource,
  sniffCsvSource,
  bindCsvSource
};

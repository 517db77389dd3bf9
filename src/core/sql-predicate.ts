/**
 * User predicates (a named slice's `where`) as SQL that cannot do anything but compare values.
 *
 * The text comes from the pull request under review, so it is never spliced into a query. DuckDB's
 * own parser reads it (`json_serialize_sql`, with the text bound as a parameter: parsing runs
 * nothing) inside `SELECT * FROM mlgate_rows WHERE (<text>)`; the parse must be exactly that one
 * SELECT, and its WHERE tree may hold only column references, constants, comparisons, AND/OR/NOT,
 * arithmetic, IN lists, BETWEEN, IS [NOT] NULL, CASE, casts and a short list of pure scalar
 * functions. What runs is not the user's text but DuckDB's own rendering of that checked tree
 * (`json_deserialize_sql`), re-parsed and checked again: no comment, quote or parenthesis of the
 * user's can change the query it is placed in.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { ConfigurationError } from "./errors.js";
import { didYouMean } from "./suggest.js";

/** Pure scalar functions a predicate may call: no state, no files, no settings, no randomness. */
export const PREDICATE_FUNCTIONS: readonly string[] = [
  "abs",
  "ceil",
  "coalesce",
  "contains",
  "ends_with",
  "floor",
  "greatest",
  "ifnull",
  "isfinite",
  "isnan",
  "least",
  "length",
  "lower",
  "ltrim",
  "nullif",
  "regexp_full_match",
  "regexp_matches",
  "round",
  "rtrim",
  "sign",
  "starts_with",
  "strlen",
  "substr",
  "substring",
  "trim",
  "upper",
];

/** Operators DuckDB parses into function calls: arithmetic, LIKE/ILIKE/GLOB and their negations, `||`. */
const OPERATORS = new Set(["+", "-", "*", "/", "//", "%", "^", "**", "~~", "!~~", "~~*", "!~~*", "~~~", "!~~~", "||"]);

const OPERATOR_TYPES = new Set([
  "OPERATOR_NOT",
  "OPERATOR_IS_NULL",
  "OPERATOR_IS_NOT_NULL",
  "COMPARE_IN",
  "COMPARE_NOT_IN",
  "OPERATOR_COALESCE",
  "OPERATOR_NULLIF",
]);

/** What a refused node is, in the words of the one sentence that refuses it. */
const DESCRIBED: Record<string, string> = {
  PARAMETER: "a query parameter",
  WINDOW: "a window function",
  STAR: "* or COLUMNS(...)",
  COLUMNS: "* or COLUMNS(...)",
  LAMBDA: "a lambda",
  LAMBDA_REF: "a lambda",
  COLLATE: "COLLATE",
  POSITIONAL_REFERENCE: "a positional reference",
  DEFAULT: "DEFAULT",
};

const TABLE = "mlgate_rows";
const PREFIX = `SELECT * FROM ${TABLE} WHERE `;

type Node = Record<string, unknown>;

/** Where a predicate came from, for the one sentence that refuses it: `mlgate.yml:12: gates.model.slices[0].where`. */
export interface PredicateSource {
  at: string;
  /** The data file as the user named it (column errors name it). */
  display: string;
}

function refuse(src: PredicateSource, why: string): ConfigurationError {
  return new ConfigurationError(`${src.at} ${why}`);
}

const ONE_EXPRESSION = "a named slice is one boolean expression over the data's columns";

/**
 * `;` and comments outside quotes: refused with their own sentence before parsing (the parser would
 * also stop a second statement, but not say why). Single-quoted, E'…', double-quoted and $tag$
 * quoted text is skipped.
 */
function lexicalRefusal(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === "'" || ch === '"') {
      const backslash = ch === "'" && (text[i - 1] === "e" || text[i - 1] === "E");
      for (i++; i < text.length; i++) {
        if (backslash && text[i] === "\\") i++;
        else if (text[i] === ch) {
          if (text[i + 1] === ch) i++;
          else break;
        }
      }
    } else if (ch === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end < 0 ? text.length : end + tag.length - 1;
      }
    } else if ((ch === "-" && next === "-") || (ch === "/" && next === "*")) {
      return `contains a SQL comment (-- or /*); ${ONE_EXPRESSION}`;
    } else if (ch === ";") {
      return `contains ";"; ${ONE_EXPRESSION}, not SQL statements`;
    }
  }
  return undefined;
}

/** The first sentence of a DuckDB parser error, without its class prefix and position echo. */
function parserReason(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/^[A-Za-z ]*Error: /, "").replace(/\.$/, "");
}

function textOf(v: unknown): string {
  if (typeof v !== "string") throw new Error(`DuckDB's JSON serializer returned ${typeof v}, not text`);
  return v;
}

async function serialize(conn: DuckDBConnection, sql: string): Promise<Node> {
  const r = await conn.runAndReadAll("SELECT json_serialize_sql($1::VARCHAR) AS j", [sql]);
  return JSON.parse(textOf(r.getRowObjectsJS()[0]?.j)) as Node;
}

/** The one WHERE tree of `SELECT * FROM mlgate_rows WHERE (…)`, or the reason it is something else. */
function whereOf(parsed: Node): { where?: Node; reason?: string } {
  if (parsed.error) return { reason: `is not a SQL expression (${parserReason(String(parsed.error_message))})` };
  const statements = parsed.statements as Node[];
  const node = statements[0]?.node as Node | undefined;
  const from = node?.from_table as Node | undefined;
  const select = node?.select_list as Node[] | undefined;
  const empty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0);
  const plain =
    statements.length === 1 &&
    node?.type === "SELECT_NODE" &&
    empty(node.modifiers) &&
    empty((node.cte_map as Node | undefined)?.map) &&
    select?.length === 1 &&
    select[0]?.class === "STAR" &&
    from?.type === "BASE_TABLE" &&
    from.table_name === TABLE &&
    from.schema_name === "" &&
    from.catalog_name === "" &&
    empty(node.group_expressions) &&
    empty(node.group_sets) &&
    node.having === null &&
    node.qualify === null &&
    node.sample === null &&
    node.aggregate_handling === "STANDARD_HANDLING" &&
    node.where_clause !== null &&
    typeof node.where_clause === "object";
  if (!plain)
    return {
      reason: `is not one boolean expression over the data's columns (it parses as more than a WHERE condition)`,
    };
  return { where: node.where_clause as Node };
}

/** Walks the WHERE tree; returns the reason for the first node a predicate may not hold. */
function disallowed(n: Node, columns: readonly string[], src: PredicateSource): string | undefined {
  const children = (...xs: unknown[]): string | undefined => {
    for (const x of xs.flat()) {
      if (x === null || x === undefined) continue;
      const r = disallowed(x as Node, columns, src);
      if (r) return r;
    }
    return undefined;
  };
  if (typeof n.alias === "string" && n.alias !== "") return `is not one boolean expression over the data's columns`;
  switch (n.class) {
    case "CONSTANT":
      return undefined;
    case "COLUMN_REF": {
      const names = n.column_names as string[];
      if (names.length !== 1) return `names "${names.join(".")}"; a named slice names the data's columns without a table`;
      const name = names[0] ?? "";
      // DuckDB matches column names without regard to case.
      if (!columns.some((c) => c.toLowerCase() === name.toLowerCase())) {
        const hint = didYouMean(name, [...columns]);
        return `names column "${name}", which is not in ${src.display}${hint ? ` (did you mean "${hint}"?)` : ""}`;
      }
      return undefined;
    }
    case "COMPARISON":
      return children(n.left, n.right);
    case "CONJUNCTION":
      return children(n.children);
    case "BETWEEN":
      return children(n.input, n.lower, n.upper);
    case "CAST":
      return children(n.child);
    case "CASE":
      return children(
        (n.case_checks as Node[]).flatMap((c) => [c.when_expr, c.then_expr]),
        n.else_expr,
      );
    case "OPERATOR":
      if (!OPERATOR_TYPES.has(String(n.type)))
        return `uses the ${String(n.type).toLowerCase()} operator, which a named slice may not use`;
      return children(n.children);
    case "FUNCTION": {
      const name = String(n.function_name);
      const plainCall =
        n.schema === "" &&
        n.catalog === "" &&
        n.distinct === false &&
        n.filter === null &&
        n.export_state === false &&
        ((n.order_bys as Node | undefined)?.orders as unknown[] | undefined)?.length === 0;
      const known = n.is_operator === true ? OPERATORS.has(name) : PREDICATE_FUNCTIONS.includes(name.toLowerCase());
      if (!plainCall || !known)
        return `calls ${name}(), which a named slice may not call; it may call ${PREDICATE_FUNCTIONS.slice(0, -1).join(", ")}, ${PREDICATE_FUNCTIONS.at(-1) ?? ""} and the operators`;
      return children(n.children);
    }
    case "SUBQUERY":
      return `contains a subquery; ${ONE_EXPRESSION}`;
    default:
      return `uses ${DESCRIBED[String(n.class)] ?? `a ${String(n.class).toLowerCase()} expression`}, which a named slice may not use`;
  }
}

/**
 * Checks a user's predicate and returns the SQL to run for it, parenthesised: DuckDB's rendering of
 * the checked tree, never the user's text. Throws a ConfigurationError (`<at> <reason>`) otherwise.
 */
export async function safePredicate(
  conn: DuckDBConnection,
  text: string,
  columns: readonly string[],
  src: PredicateSource,
): Promise<string> {
  const lexical = lexicalRefusal(text);
  if (lexical) throw refuse(src, lexical);
  // The newline keeps a trailing comment (should one get past the check above) off the closing parenthesis.
  const parsed = await serialize(conn, `${PREFIX}(${text}\n)`);
  const { where, reason } = whereOf(parsed);
  if (!where) throw refuse(src, reason ?? "is not a SQL expression");
  const why = disallowed(where, columns, src);
  if (why) throw refuse(src, why);
  const rendered = await conn.runAndReadAll("SELECT json_deserialize_sql(json_serialize_sql($1::VARCHAR)) AS s", [
    `${PREFIX}(${text}\n)`,
  ]);
  const sql = textOf(rendered.getRowObjectsJS()[0]?.s);
  if (!sql.startsWith(PREFIX)) throw new Error(`DuckDB rendered a checked predicate unexpectedly: ${sql}`);
  const expr = `(${sql.slice(PREFIX.length)})`;
  // What runs is checked as what was written: one WHERE condition of allowed nodes only.
  const again = whereOf(await serialize(conn, `${PREFIX}${expr}`)).where;
  if (!again || disallowed(again, columns, src) !== undefined)
    throw new Error(`DuckDB's rendering of a checked predicate does not pass the same check: ${expr}`);
  return expr;
}

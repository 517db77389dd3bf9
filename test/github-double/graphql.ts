/**
 * The two GraphQL mutations the publisher uses, checked against their documented arguments
 * (https://docs.github.com/graphql/reference/mutations#minimizecomment): there is no GraphQL schema
 * package installed, so this is deliberately narrow and rejects everything else.
 */
import type { DoubleState } from "./state.js";

const CLASSIFIERS = ["SPAM", "ABUSE", "OFF_TOPIC", "OUTDATED", "DUPLICATE", "RESOLVED"];

export interface GraphqlOutcome {
  valid: boolean;
  errors: string[];
  data?: unknown;
}

export function graphql(state: DoubleState, body: unknown): GraphqlOutcome {
  const b = (typeof body === "object" && body !== null ? body : {}) as { query?: unknown; variables?: Record<string, unknown> };
  if (typeof b.query !== "string") return { valid: false, errors: ["A query attribute must be specified and must be a string."] };
  const q = b.query.replace(/\s+/g, " ");
  const m =
    /^mutation ?\(\$(\w+): ID!\) ?\{ ?(minimizeComment|unminimizeComment) ?\(input: ?\{ ?subjectId: ?\$(\w+)(?:, ?classifier: ?(\w+))? ?\}\) ?\{ ?(\w+) ?\{ ?isMinimized ?\} ?\} ?\}$/.exec(
      q.trim(),
    );
  if (!m) return { valid: false, errors: [`the GitHub double does not understand this query: ${q.slice(0, 120)}`] };
  const [, declared, field, used, classifier, payload] = m;
  const errors: string[] = [];
  if (declared !== used) errors.push(`Variable $${used ?? ""} is used but not declared`);
  if (field === "minimizeComment") {
    if (!classifier || !CLASSIFIERS.includes(classifier))
      errors.push(
        `Argument 'classifier' on InputObject 'MinimizeCommentInput' has an invalid value (${classifier ?? "missing"})`,
      );
    if (payload !== "minimizedComment") errors.push(`Field '${payload ?? ""}' doesn't exist on type 'MinimizeCommentPayload'`);
  } else {
    if (classifier) errors.push("InputObject 'UnminimizeCommentInput' doesn't accept argument 'classifier'");
    if (payload !== "unminimizedComment")
      errors.push(`Field '${payload ?? ""}' doesn't exist on type 'UnminimizeCommentPayload'`);
  }
  const id = b.variables?.[declared ?? ""];
  const comment = state.comments.find((c) => `IC_${c.id}` === id);
  if (!comment) errors.push(`Could not resolve to a node with the global id of '${String(id)}'`);
  if (errors.length > 0 || !comment) return { valid: false, errors };
  if (field === "minimizeComment") comment.minimized = classifier;
  else delete comment.minimized;
  return {
    valid: true,
    errors: [],
    data: { [field ?? ""]: { [payload ?? ""]: { isMinimized: comment.minimized !== undefined } } },
  };
}

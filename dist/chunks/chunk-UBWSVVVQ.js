#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  lineOfKey,
  readYamlWithSchema
} from "./chunk-AYZAZZX6.js";

// src/core/config.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// schemas/config.schema.json
var config_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://mlgate.dev/schemas/config.schema.json",
  title: "mlgate.yml",
  description: "One configuration file for every mlgate gate. Command-line flags and action inputs override it.",
  type: "object",
  additionalProperties: false,
  properties: {
    version: {
      const: 1,
      description: "Format version of this file. Always 1 for now."
    },
    timeout: {
      type: ["string", "number"],
      description: "Longest any gate may run (such as 45m, 90s; a bare number is seconds; default 30m). Past it the gate stops with an error report and exit 2. The --timeout flag overrides it."
    },
    gates: {
      type: "object",
      description: "Settings per gate.",
      additionalProperties: false,
      properties: {
        data: {
          $ref: "#/$defs/dataGate"
        },
        model: {
          $ref: "#/$defs/modelGate"
        },
        onnx: {
          $ref: "#/$defs/onnxGate"
        },
        deploy: {
          $ref: "#/$defs/deployGate"
        }
      }
    },
    publish: {
      type: "object",
      description: "How results reach the pull request.",
      additionalProperties: false,
      properties: {
        comment: {
          enum: ["always", "on-failure", "never"],
          default: "always",
          description: "When to write the sticky PR comment."
        },
        hide_on_pass: {
          type: "boolean",
          default: false,
          description: "Minimise the sticky comment when the gate passes."
        },
        max_annotations: {
          type: "integer",
          minimum: 0,
          default: 200,
          description: "Most annotations sent to the check run."
        }
      }
    }
  },
  $defs: {
    waive: {
      type: "array",
      description: "Check ids (or prefixes ending in '*') whose failures become warnings.",
      items: {
        type: "string",
        minLength: 1
      }
    },
    failOn: {
      enum: ["error", "warning"],
      default: "error",
      description: "error: only failed checks fail the gate; warning: warnings fail it too."
    },
    dataGate: {
      type: "object",
      title: "Data gate",
      description: "Contract and drift checks for a data file.",
      additionalProperties: false,
      properties: {
        data: {
          type: "string",
          description: "Data file (CSV, TSV, Parquet, JSON Lines; .gz allowed)."
        },
        schema: {
          type: "string",
          description: "Contract file (YAML) written by `mlgate data infer` or by hand."
        },
        reference: {
          type: "string",
          description: "Reference data to measure drift against."
        },
        label: {
          type: "string",
          description: "Label column: its drift is reported as label drift."
        },
        drift: {
          enum: ["warn", "fail", "off"],
          default: "warn",
          description: "What a significant drift does to the verdict."
        },
        drift_thresholds: {
          type: "object",
          description: "Effect-size floors below which a statistically significant drift is not flagged. A column drifts when its Benjamini-Hochberg adjusted p-value (permutation null on binned counts) is <= alpha AND its effect is >= the floor: PSI for numeric columns, Jensen-Shannon distance for categorical ones (docs/drift.md).",
          additionalProperties: false,
          properties: {
            psi: {
              type: "number",
              minimum: 0,
              default: 0.1,
              description: "Population stability index floor for numeric columns (reference deciles plus two out-of-range tail bins, empty bins floored at 1e-4 of the mass)."
            },
            js: {
              type: "number",
              minimum: 0,
              maximum: 1,
              default: 0.1,
              description: "Jensen-Shannon distance floor (base 2)."
            },
            alpha: {
              type: "number",
              exclusiveMinimum: 0,
              exclusiveMaximum: 1,
              default: 0.05,
              description: "False discovery rate across columns (Benjamini-Hochberg)."
            }
          }
        },
        max_examples: {
          type: "integer",
          minimum: 0,
          default: 5,
          description: "Example rows kept per failed rule."
        },
        fail_on: {
          $ref: "#/$defs/failOn"
        },
        waive: {
          $ref: "#/$defs/waive"
        }
      }
    },
    threshold: {
      type: "object",
      description: "Bounds for one metric.",
      additionalProperties: false,
      properties: {
        min: {
          type: "number",
          description: "The candidate's value must be at least this."
        },
        max: {
          type: "number",
          description: "The candidate's value must be at most this."
        },
        max_drop: {
          type: "number",
          minimum: 0,
          description: "Largest allowed regression against the baseline (in the metric's bad direction)."
        },
        relative: {
          type: "boolean",
          default: false,
          description: "max_drop is a fraction of the baseline's value."
        }
      }
    },
    modelGate: {
      type: "object",
      title: "Model gate",
      description: "Candidate vs baseline on one evaluation set.",
      additionalProperties: false,
      properties: {
        candidate: {
          type: "string",
          description: "Candidate ONNX model."
        },
        baseline: {
          type: "string",
          description: "Baseline ONNX model: a path or git:<ref>:<path>."
        },
        data: {
          type: "string",
          description: "Evaluation data."
        },
        label: {
          type: "string",
          description: "Label column."
        },
        task: {
          enum: ["binary", "multiclass", "regression"],
          description: "binary: P(class 1) or two-class scores; multiclass: [N, C] probabilities or logits; regression: [N] or [N, 1] values."
        },
        features: {
          type: "array",
          items: {
            type: "string"
          },
          description: "Feature columns in model input order."
        },
        output: {
          type: "string",
          description: "Model output to read."
        },
        primary_metric: {
          type: "string",
          description: "Metric named in the summary and outputs."
        },
        decision: {
          enum: ["point", "significant", "non-inferior"],
          default: "point",
          description: "How the metrics over all rows are decided. point: the estimate decides; significant: a regression beyond the margin must also be significant to fail (otherwise it warns); non-inferior: the candidate must prove it is no worse than the margin. Slices follow it when it is set and slice_decision is not."
        },
        slice_decision: {
          enum: ["point", "significant", "non-inferior"],
          description: "How slices are decided. Default: decision when that is set, else significant \u2014 a slice fails only when its regression beyond the margin is significant after Benjamini\u2013Hochberg across the slices, and a point regression that is not significant warns with its interval (point on many small slices fails equal models at random; see docs/benchmarks.md)."
        },
        thresholds: {
          type: "object",
          description: "Bounds per metric name (scikit-learn names).",
          additionalProperties: {
            $ref: "#/$defs/threshold"
          }
        },
        slices: {
          type: "array",
          description: "Named slices: boolean expressions over the evaluation data's columns (checked by DuckDB's parser, never run as SQL text).",
          items: {
            type: "object",
            required: ["name", "where"],
            additionalProperties: false,
            properties: {
              name: {
                type: "string",
                minLength: 1
              },
              where: {
                type: "string",
                minLength: 1,
                description: "One boolean expression over the data's columns, e.g. age >= 65: comparisons, AND/OR/NOT, arithmetic, IN, BETWEEN, IS NULL, CASE, casts and pure scalar functions (lower, upper, length, abs, coalesce, substr, starts_with, regexp_matches, ...); no subqueries, table functions, comments or statements."
              }
            }
          }
        },
        slice_columns: {
          type: "array",
          items: {
            type: "string"
          },
          description: "Columns to slice by."
        },
        min_slice_size: {
          type: "integer",
          minimum: 1,
          default: 30,
          description: "Smaller slices are reported, not gated."
        },
        slice_max_drop: {
          type: "number",
          minimum: 0,
          description: "Largest allowed regression of the primary metric on any slice."
        },
        sensitive: {
          type: "array",
          items: {
            type: "string"
          },
          description: "Columns for fairness gaps."
        },
        fairness: {
          type: "object",
          description: "Budgets for the gaps between groups of each sensitive column (binary tasks); gaps are reported without them.",
          additionalProperties: false,
          properties: {
            max_demographic_parity_gap: {
              type: "number",
              minimum: 0,
              maximum: 1
            },
            max_equal_opportunity_gap: {
              type: "number",
              minimum: 0,
              maximum: 1
            }
          }
        },
        latency: {
          type: "object",
          description: "Batch-1 latency of both models, measured interleaved; batch-256 throughput is reported too.",
          additionalProperties: false,
          properties: {
            max_ratio: {
              type: "number",
              exclusiveMinimum: 0,
              description: "Candidate p95 / baseline p95 budget."
            },
            runs: {
              type: "integer",
              minimum: 1,
              default: 200
            }
          }
        },
        robustness: {
          type: "object",
          description: "Flip rate and mean |delta score| of both models under seeded noise of epsilon x each feature's standard deviation.",
          additionalProperties: false,
          properties: {
            epsilon: {
              type: "number",
              minimum: 0,
              default: 0.01,
              description: "Perturbation size in standard deviations."
            },
            max_flip_rate: {
              type: "number",
              minimum: 0,
              maximum: 1
            },
            rows: {
              type: "integer",
              minimum: 1,
              default: 1e4
            }
          }
        },
        bootstrap: {
          type: "object",
          description: "Paired bootstrap for confidence intervals where no analytic variance is used (seeded, reproducible).",
          additionalProperties: false,
          properties: {
            samples: {
              type: "integer",
              minimum: 0,
              default: 1e3
            },
            seed: {
              type: "integer",
              default: 42
            }
          }
        },
        batch_size: {
          type: "integer",
          minimum: 1,
          default: 4096,
          description: "Rows per inference batch."
        },
        fail_on: {
          $ref: "#/$defs/failOn"
        },
        waive: {
          $ref: "#/$defs/waive"
        }
      }
    },
    tolerance: {
      type: "object",
      additionalProperties: false,
      properties: {
        rtol: {
          type: "number",
          minimum: 0
        },
        atol: {
          type: "number",
          minimum: 0
        }
      }
    },
    deployGate: {
      type: "object",
      title: "Deploy gate",
      description: "Health budgets of a rollout step (mlgate deploy, actions/deploy): judged on the new version's figures over each --watch window, as the serving processes report them.",
      additionalProperties: false,
      properties: {
        max_error_rate: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "Largest share of the new version's answers that may fail (default 0.01)."
        },
        max_p95_ms: {
          type: "number",
          exclusiveMinimum: 0,
          description: "Largest p95 latency of the new version, in milliseconds."
        },
        max_p95_ratio: {
          type: "number",
          exclusiveMinimum: 0,
          description: "Largest p95 of the new version divided by the champion's p95 in the same window."
        },
        min_requests: {
          type: "integer",
          minimum: 1,
          description: "A window in which the new version got fewer requests is no evidence: the step fails safe (default 20)."
        },
        apply_timeout: {
          type: "string",
          description: "How long the servers may take to load and apply a traffic change, such as 60s (default)."
        },
        command_timeout: {
          type: "string",
          description: "Longest one phase of a command: target's script may run before it is stopped (with everything it started), such as 10m (default)."
        }
      }
    },
    onnxGate: {
      type: "object",
      title: "ONNX gate",
      description: "Will the model load and compute the same numbers in the serving runtime?",
      additionalProperties: false,
      properties: {
        model: {
          type: "string",
          description: "ONNX file or glob."
        },
        test_data: {
          type: "string",
          description: "Folder in the ONNX test layout (test_data_set_N/input_K.pb)."
        },
        baseline: {
          type: "string",
          description: "The model in production, for the serving contract."
        },
        target_ort: {
          type: "string",
          pattern: "^\\d+\\.\\d+$",
          description: "onnxruntime release we serve with, e.g. '1.20' (quote it in YAML). Its IR and opset limits come from the table in docs/onnx-runtime-support.md. Default: the onnxruntime-node mlgate runs."
        },
        opset: {
          type: "object",
          description: "Range of the default-domain (ai.onnx) opset; max tightens the target runtime's limit.",
          additionalProperties: false,
          properties: {
            min: {
              type: "integer",
              minimum: 1
            },
            max: {
              type: "integer",
              minimum: 1
            }
          }
        },
        allowed_ops: {
          type: "array",
          description: "Only these operators may appear: 'Conv' matches in any domain, 'com.microsoft:Gelu' in that domain.",
          items: {
            type: "string"
          }
        },
        denied_ops: {
          type: "array",
          description: "Operators that must not appear (same syntax as allowed_ops).",
          items: {
            type: "string"
          }
        },
        allowed_domains: {
          type: "array",
          description: "Operator domains the serving runtime provides; replaces the default [ai.onnx, ai.onnx.ml, com.microsoft] (ai.onnx is always allowed).",
          items: {
            type: "string"
          }
        },
        max_size_mb: {
          type: "number",
          description: "Largest model file plus external data, in MB (1 MB = 1,000,000 bytes).",
          exclusiveMinimum: 0
        },
        required_metadata: {
          type: "array",
          description: "metadata_props keys that must be present and non-empty.",
          items: {
            type: "string"
          }
        },
        dims: {
          type: "object",
          description: "Values to try for each symbolic dimension, e.g. batch: [1, 8].",
          additionalProperties: {
            type: "array",
            items: {
              type: "integer",
              minimum: 1
            },
            minItems: 1
          }
        },
        tolerance: {
          type: "object",
          description: "Parity tolerance: |a-b| <= atol + rtol*|b|. Defaults rtol 1e-3, atol 1e-5 for floats; integers, booleans and strings are exact.",
          additionalProperties: false,
          properties: {
            rtol: {
              type: "number",
              minimum: 0
            },
            atol: {
              type: "number",
              minimum: 0
            },
            outputs: {
              type: "object",
              description: "Per-output overrides.",
              additionalProperties: {
                $ref: "#/$defs/tolerance"
              }
            }
          }
        },
        baseline_tolerance: {
          $ref: "#/$defs/tolerance",
          description: "Setting it turns on output parity against --baseline (defaults rtol 1e-2, atol 1e-4)."
        },
        latency: {
          type: "object",
          description: "Timing after warm-up, one thread, with synthesised inputs at each batch size.",
          additionalProperties: false,
          properties: {
            batch_sizes: {
              type: "array",
              items: {
                type: "integer",
                minimum: 1
              },
              default: [1]
            },
            runs: {
              type: "integer",
              minimum: 1,
              default: 100
            },
            warmup: {
              type: "integer",
              minimum: 0,
              default: 10
            },
            max_ms: {
              type: "number",
              exclusiveMinimum: 0,
              description: "p95 budget in milliseconds."
            },
            max_ratio: {
              type: "number",
              exclusiveMinimum: 0,
              description: "p95 budget as a ratio to the baseline."
            }
          }
        },
        fail_on: {
          $ref: "#/$defs/failOn"
        },
        waive: {
          $ref: "#/$defs/waive"
        }
      }
    }
  }
};

// src/core/config.ts
var DEFAULT_CONFIG_FILES = ["mlgate.yml", "mlgate.yaml", ".github/mlgate.yml"];
function loadConfig(file, cwd = process.cwd(), opts = {}) {
  if (file) {
    const r = readYamlWithSchema(file, config_schema_default, cwd, opts.display ?? file);
    return { config: r.value, file, lineOf: r.lineOf };
  }
  for (const f of DEFAULT_CONFIG_FILES) {
    if (!existsSync(path.resolve(cwd, f))) continue;
    const r = readYamlWithSchema(opts.check?.(f) ?? f, config_schema_default, cwd, f);
    return { config: r.value, file: f, lineOf: r.lineOf };
  }
  return { config: {} };
}
function configFailOn(config, gate) {
  return gate === "data" || gate === "model" || gate === "onnx" ? config.gates?.[gate]?.fail_on : void 0;
}
function isWaived(id, waive) {
  if (!waive) return false;
  return waive.some((w) => w.endsWith("*") ? id.startsWith(w.slice(0, -1)) : id === w);
}
function locateConfigMessage(message, file, cwd = process.cwd(), display = file) {
  const key = /^((?:gates|publish)\.[\w.[\]-]*\w\]?)/.exec(message)?.[1];
  if (!file || !key) return message;
  let text;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch {
    return message;
  }
  const line = lineOfKey(text, key);
  return line === void 0 ? message : `${display ?? file}:${line}: ${message}`;
}

export {
  loadConfig,
  configFailOn,
  isWaived,
  locateConfigMessage
};

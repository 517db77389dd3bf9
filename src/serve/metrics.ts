/**
 * What the server measures per model version: totals since the version was loaded (Prometheus
 * counters and a latency histogram) and a sliding window (`--window`) with request and error counts
 * and p50/p95 latency, which the deploy gate reads from /v1/status to decide a promotion.
 */

/** Histogram bounds in seconds, Prometheus-style (cumulative `le` buckets plus +Inf). */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Latency samples kept for the window's percentiles. Counts in the window are exact per second
 * whatever the rate; past this many requests in one window the percentiles cover the latest ones.
 */
const SAMPLE_CAP = 1 << 17;

export interface WindowFigures {
  seconds: number;
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export class VersionStats {
  requests = 0;
  errors = 0;
  sumSeconds = 0;
  /** Per bucket (not cumulative); the last one is +Inf. */
  readonly buckets = new Array<number>(LATENCY_BUCKETS.length + 1).fill(0);
  // One slot per second of the window (+1 for the second in progress).
  private readonly slotSecond: Float64Array;
  private readonly slotRequests: Uint32Array;
  private readonly slotErrors: Uint32Array;
  private readonly sampleAt = new Float64Array(SAMPLE_CAP);
  private readonly sampleMs = new Float64Array(SAMPLE_CAP);
  private sampleNext = 0;
  private sampleCount = 0;

  constructor(readonly windowSeconds: number) {
    const n = Math.ceil(windowSeconds) + 1;
    this.slotSecond = new Float64Array(n).fill(-1);
    this.slotRequests = new Uint32Array(n);
    this.slotErrors = new Uint32Array(n);
  }

  record(ms: number, ok: boolean, now = Date.now()): void {
    this.requests++;
    if (!ok) this.errors++;
    const s = ms / 1000;
    this.sumSeconds += s;
    let b = 0;
    while (b < LATENCY_BUCKETS.length && s > LATENCY_BUCKETS[b]!) b++;
    this.buckets[b]!++;
    const sec = Math.floor(now / 1000);
    const slot = sec % this.slotSecond.length;
    if (this.slotSecond[slot] !== sec) {
      this.slotSecond[slot] = sec;
      this.slotRequests[slot] = 0;
      this.slotErrors[slot] = 0;
    }
    this.slotRequests[slot]!++;
    if (!ok) this.slotErrors[slot]!++;
    this.sampleAt[this.sampleNext] = now;
    this.sampleMs[this.sampleNext] = ms;
    this.sampleNext = (this.sampleNext + 1) % SAMPLE_CAP;
    if (this.sampleCount < SAMPLE_CAP) this.sampleCount++;
  }

  /** The last `windowSeconds` (whole seconds, the current one included). */
  window(now = Date.now()): WindowFigures {
    const sec = Math.floor(now / 1000);
    const first = sec - Math.ceil(this.windowSeconds) + 1;
    let requests = 0;
    let errors = 0;
    for (let i = 0; i < this.slotSecond.length; i++) {
      const s = this.slotSecond[i]!;
      if (s >= first && s <= sec) {
        requests += this.slotRequests[i]!;
        errors += this.slotErrors[i]!;
      }
    }
    const cutoff = first * 1000;
    const ms: number[] = [];
    for (let k = 1; k <= this.sampleCount; k++) {
      const i = (this.sampleNext - k + SAMPLE_CAP) % SAMPLE_CAP;
      if (this.sampleAt[i]! < cutoff) break;
      ms.push(this.sampleMs[i]!);
    }
    const sorted = Float64Array.from(ms).sort();
    return { seconds: this.windowSeconds, requests, errors, p50Ms: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95) };
  }
}

/** Nearest-rank quantile, rounded to microseconds; null without samples. */
function quantile(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  const v = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return Math.round(v * 1000) / 1000;
}

export interface MetricsSource {
  models: {
    name: string;
    generation: number;
    versions: { version: string; weight: number; stats: VersionStats }[];
  }[];
  /** Requests refused before a version was chosen (unknown model, body too large, bad JSON), by status. */
  rejected: ReadonlyMap<number, number>;
}

function label(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** The Prometheus text exposition format (version 0.0.4). */
export function prometheusText(src: MetricsSource): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string, rows: string[]): void => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...rows);
  };
  const per = (f: (m: string, v: { version: string; weight: number; stats: VersionStats }) => string[]): string[] =>
    src.models.flatMap((m) => m.versions.flatMap((v) => f(`model="${label(m.name)}",version="${label(v.version)}"`, v)));
  family(
    "mlgate_serve_requests_total",
    "counter",
    "Inference requests a model version answered (shadow copies included), since it was loaded.",
    per((l, v) => [`mlgate_serve_requests_total{${l}} ${v.stats.requests}`]),
  );
  family(
    "mlgate_serve_errors_total",
    "counter",
    "Inference requests a model version answered with an error (400 wrong inputs, 500 runtime failure, 504 timeout).",
    per((l, v) => [`mlgate_serve_errors_total{${l}} ${v.stats.errors}`]),
  );
  family(
    "mlgate_serve_request_duration_seconds",
    "histogram",
    "Time from a request's arrival to its answer, per model version.",
    per((l, v) => {
      const rows: string[] = [];
      let cum = 0;
      LATENCY_BUCKETS.forEach((le, i) => {
        cum += v.stats.buckets[i]!;
        rows.push(`mlgate_serve_request_duration_seconds_bucket{${l},le="${le}"} ${cum}`);
      });
      rows.push(`mlgate_serve_request_duration_seconds_bucket{${l},le="+Inf"} ${v.stats.requests}`);
      rows.push(`mlgate_serve_request_duration_seconds_sum{${l}} ${v.stats.sumSeconds}`);
      rows.push(`mlgate_serve_request_duration_seconds_count{${l}} ${v.stats.requests}`);
      return rows;
    }),
  );
  family(
    "mlgate_serve_traffic_weight",
    "gauge",
    "Percent of a model's traffic routed to a version.",
    per((l, v) => [`mlgate_serve_traffic_weight{${l}} ${v.weight}`]),
  );
  family(
    "mlgate_serve_generation",
    "gauge",
    "The registry aliases generation applied per model.",
    src.models.map((m) => `mlgate_serve_generation{model="${label(m.name)}"} ${m.generation}`),
  );
  family(
    "mlgate_serve_rejected_total",
    "counter",
    "Requests refused before a model version was chosen, by HTTP status.",
    [...src.rejected.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([code, n]) => `mlgate_serve_rejected_total{code="${code}"} ${n}`),
  );
  return `${out.join("\n")}\n`;
}

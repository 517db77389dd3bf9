import { describe, expect, it } from "vitest";
import { judge } from "../../src/gates/deploy/health.js";

const budgets = { maxErrorRate: 0.02, minRequests: 10, maxP95Ms: 50 };
const figures = { requests: 40, errors: 0, p95Ms: 12.5, championP95Ms: 10 };

describe("a rollout step's verdict from the servers' figures", () => {
  it("passes within every budget and names the numbers", () => {
    expect(judge(figures, budgets, "v2")).toMatchObject({
      status: "pass",
      message: "v2: 40 requests, 0 errors (rate 0.0000), p95 12.5 ms vs champion 10.0 ms",
    });
  });

  it("fails safe when requests were counted but the window holds no latency and a latency budget is set", () => {
    expect(judge({ ...figures, p95Ms: null }, budgets, "v2")).toMatchObject({
      status: "fail",
      message:
        "no p95 latency for v2 in the servers' window although a latency budget is set: no evidence, so the step fails safe",
    });
    expect(judge({ ...figures, p95Ms: null }, { maxErrorRate: 0.02, minRequests: 10, maxP95Ratio: 1.5 }, "v2").status).toBe(
      "fail",
    );
  });

  it("without a latency budget a missing p95 is not judged", () => {
    expect(judge({ ...figures, p95Ms: null }, { maxErrorRate: 0.02, minRequests: 10 }, "v2")).toMatchObject({
      status: "pass",
      message: "v2: 40 requests, 0 errors (rate 0.0000), p95 n/a vs champion 10.0 ms",
    });
  });

  it("fails a p95 over max_p95_ms", () => {
    expect(judge({ ...figures, p95Ms: 51 }, budgets, "v2").message).toBe("v2's p95 51.0 ms > max_p95_ms 50");
  });
});

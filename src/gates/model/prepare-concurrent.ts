import { workerSetting, type HelperThread } from "./helper-thread.js";
import { prepareBoth, type Prepared, type Scores } from "./metric-checks.js";
import type { PreparedWork } from "./metrics.js";
import { allMetrics, aucClasses, prepareMetrics, type Task } from "./metrics.js";

export { metricsWorkerFile } from "./helper-thread.js";

/** Below this many rows handing the baseline to another thread costs more than its sorts save. */
export const HELPER_MIN_ROWS = 100_000;

/**
 * Hands the baseline's evaluator to the helper thread, once per set of scores: the gate starts it as
 * soon as the scores are complete (its robustness probe and shutdown then overlap it), and
 * prepareConcurrently picks up the same job. undefined when it stays on this thread: no baseline, no
 * helper, a regression, or too few rows.
 */
export function startBaseline(
  task: Task,
  s: Scores,
  progress: (m: string) => void,
  helper: HelperThread | undefined,
  comparesAuc: boolean,
): Promise<PreparedWork | null> | undefined {
  const wanted = workerSetting() === "on" || s.yTrue.length >= HELPER_MIN_ROWS;
  if (!s.baseline || task === "regression" || helper === undefined || !wanted) return undefined;
  const job = { task, yTrue: s.yTrue, scores: s.baseline.scores, classes: s.baseline.classes, components: comparesAuc };
  return helper.prepare(job, () => {
    progress("preparing the baseline's metrics on a worker thread");
  });
}

/**
 * prepareBoth with the baseline's evaluator prepared on the helper thread while the candidate's is
 * prepared here: the same code on the same inputs, so the same numbers. Falls back to one thread when
 * startBaseline declines or the helper fails (validation errors are then raised here, as prepareBoth
 * raises them).
 */
export async function prepareConcurrently(
  task: Task,
  s: Scores,
  progress: (m: string) => void,
  helper: HelperThread | undefined,
  comparesAuc: boolean,
): Promise<Prepared> {
  const pending = startBaseline(task, s, progress, helper, comparesAuc);
  if (!pending || !s.baseline) return prepareBoth(task, s);
  const candidate = prepareMetrics(task, s.yTrue, s.candidate);
  allMetrics(candidate);
  // DeLong's components for the roc_auc comparison, each model's on its own thread.
  if (comparesAuc) for (const k of aucClasses(task, s.candidate.classes)) candidate.components(k);
  const work = await pending;
  const baseline = prepareMetrics(task, s.yTrue, s.baseline, work ?? undefined);
  return { y: s.yTrue, candidate, baseline, classes: task === "binary" ? 2 : s.candidate.classes };
}

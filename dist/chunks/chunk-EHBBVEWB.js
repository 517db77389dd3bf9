#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/core/stats/confusion-metrics.ts
var div0 = (a, b) => b === 0 ? 0 : a / b;
var AVERAGED = /^(precision|recall|f1)_(macro|weighted)$/;
function isConfusionMetric(task, name) {
  if (name === "accuracy" || name === "balanced_accuracy") return true;
  return task === "binary" ? name === "precision" || name === "recall" || name === "f1" : AVERAGED.test(name);
}
function metricFromConfusion(task, name, cm, c) {
  let total = 0;
  for (const v of cm) total += v;
  const tp = (k) => cm[k * c + k];
  const row = (k) => {
    let t = 0;
    for (let j = 0; j < c; j++) t += cm[k * c + j];
    return t;
  };
  const col = (k) => {
    let t = 0;
    for (let j = 0; j < c; j++) t += cm[j * c + k];
    return t;
  };
  if (name === "accuracy") {
    let hits = 0;
    for (let k = 0; k < c; k++) hits += tp(k);
    return hits / total;
  }
  if (name === "balanced_accuracy") {
    let sum2 = 0;
    let present = 0;
    for (let k = 0; k < c; k++) {
      const support = row(k);
      if (support > 0) {
        sum2 += tp(k) / support;
        present++;
      }
    }
    return sum2 / present;
  }
  const precision = (k) => div0(tp(k), col(k));
  const recall = (k) => div0(tp(k), row(k));
  const f1 = (k) => div0(2 * tp(k), row(k) + col(k));
  if (task === "binary") {
    if (name === "precision") return precision(1);
    if (name === "recall") return recall(1);
    if (name === "f1") return f1(1);
    return void 0;
  }
  const m = AVERAGED.exec(name);
  if (m === null) return void 0;
  const fn = m[1] === "precision" ? precision : m[1] === "recall" ? recall : f1;
  let sum = 0;
  let norm = 0;
  for (let k = 0; k < c; k++) {
    const support = row(k);
    if (support === 0 && col(k) === 0) continue;
    const weight = m[2] === "macro" ? 1 : support;
    sum += weight * fn(k);
    norm += weight;
  }
  return div0(sum, norm);
}

// src/core/stats/ranking.ts
var SMALL = 2048;
var TAG = 2147483648;
var ROW = 2147483647;
function sortWithTag(scores, tag) {
  const n = scores.length;
  if (n > ROW) throw new Error(`cannot rank ${n} rows (limit ${ROW})`);
  if (n < SMALL) {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => scores[a] - scores[b] || a - b);
    const sorted2 = new Float64Array(n);
    const sortedTag2 = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      sorted2[i] = scores[order[i]];
      sortedTag2[i] = tag === null ? 0 : tag[order[i]];
    }
    return { order, sorted: sorted2, sortedTag: sortedTag2 };
  }
  const sorted = new Float64Array(n);
  let tagged;
  const f32 = float32Keys(scores);
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = tag !== null && tag[i] === 1 ? (i | TAG) >>> 0 : i;
  if (f32 !== null) {
    const [keys, out] = radix32(f32.keys, idx, f32.low, f32.high);
    tagged = out;
    const back = new Float32Array(keys.buffer, keys.byteOffset, n);
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      keys[i] = k & TAG ? (k ^ TAG) >>> 0 : ~k >>> 0;
      sorted[i] = back[i];
    }
  } else {
    const words = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
    const lo = new Uint32Array(n);
    const hi = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const h = words[2 * i + 1];
      const l = words[2 * i];
      hi[i] = h & TAG ? ~h >>> 0 : (h | TAG) >>> 0;
      lo[i] = h & TAG ? ~l >>> 0 : l;
    }
    const [keys, out] = radixPasses([lo, hi], idx);
    tagged = out;
    const back = new Uint32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const h = keys[1][i];
      const l = keys[0][i];
      back[2 * i + 1] = h & TAG ? (h ^ TAG) >>> 0 : ~h >>> 0;
      back[2 * i] = h & TAG ? l : ~l >>> 0;
    }
    sorted.set(new Float64Array(back.buffer));
  }
  const sortedTag = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = tagged[i];
    sortedTag[i] = v >>> 31;
    tagged[i] = v & ROW;
  }
  return { order: tagged, sorted, sortedTag };
}
function float32Keys(scores) {
  const n = scores.length;
  const keys = new Uint32Array(n);
  const f = new Float32Array(keys.buffer);
  const low = new Uint32Array(65536);
  const high = new Uint32Array(65536);
  for (let i = 0; i < n; i++) {
    const x = scores[i];
    f[i] = x;
    if (f[i] !== x) return null;
    const b = keys[i];
    const k = b & TAG ? ~b >>> 0 : (b | TAG) >>> 0;
    keys[i] = k;
    low[k & 65535]++;
    high[k >>> 16]++;
  }
  return { keys, low, high };
}
function bucketStarts(counts) {
  let sum = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b];
    counts[b] = sum;
    sum += c;
  }
}
function radix32(keys, idx, low, high) {
  const n = keys.length;
  let k = keys;
  let ix = idx;
  let k2 = null;
  let ix2 = null;
  for (const [counts, shift] of [
    [low, 0],
    [high, 16]
  ]) {
    if (counts[k[0] >>> shift & 65535] === n) continue;
    bucketStarts(counts);
    k2 ??= new Uint32Array(n);
    ix2 ??= new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const key = k[i];
      const pos = counts[key >>> shift & 65535]++;
      k2[pos] = key;
      ix2[pos] = ix[i];
    }
    [k, k2] = [k2, k];
    [ix, ix2] = [ix2, ix];
  }
  return [k, ix];
}
function radixPasses(words, idxIn) {
  const n = idxIn.length;
  let keys = words;
  let spare = words.map(() => new Uint32Array(n));
  let idx = idxIn;
  let idx2 = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (let w = 0; w < words.length; w++) {
    for (const shift of [0, 16]) {
      const k = keys[w];
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[k[i] >>> shift & 65535]++;
      if (counts[k[0] >>> shift & 65535] === n) continue;
      bucketStarts(counts);
      for (let i = 0; i < n; i++) {
        const pos = counts[k[i] >>> shift & 65535]++;
        idx2[pos] = idx[i];
        for (let v = 0; v < keys.length; v++) spare[v][pos] = keys[v][i];
      }
      [idx, idx2] = [idx2, idx];
      [keys, spare] = [spare, keys];
    }
  }
  return [keys, idx];
}
function rankScores(scores, positive) {
  const { order, sorted, sortedTag } = sortWithTag(scores, positive);
  return { order, sorted, sortedPositive: sortedTag, positive };
}
function aucOf(r, weights) {
  const { order, sorted, sortedPositive } = r;
  const n = order.length;
  let negBelow = 0;
  let sum = 0;
  let posTotal = 0;
  let i = 0;
  while (i < n) {
    const s = sorted[i];
    let wp = 0;
    let wn = 0;
    for (; i < n && sorted[i] === s; i++) {
      const w = weights === null ? 1 : weights[order[i]];
      if (sortedPositive[i] === 1) wp += w;
      else wn += w;
    }
    sum += wp * (negBelow + wn / 2);
    negBelow += wn;
    posTotal += wp;
  }
  if (posTotal === 0 || negBelow === 0) return Number.NaN;
  return sum / (posTotal * negBelow);
}
function averagePrecisionOf(r, weights) {
  const { order, sorted, sortedPositive } = r;
  let tp = 0;
  let fp = 0;
  let sum = 0;
  let i = order.length - 1;
  while (i >= 0) {
    const s = sorted[i];
    let wp = 0;
    let wn = 0;
    for (; i >= 0 && sorted[i] === s; i--) {
      const w = weights === null ? 1 : weights[order[i]];
      if (sortedPositive[i] === 1) wp += w;
      else wn += w;
    }
    tp += wp;
    fp += wn;
    if (wp > 0) sum += wp * tp / (tp + fp);
  }
  return tp === 0 ? 0 : sum / tp;
}
function delongComponents(r) {
  const { order, sorted, sortedPositive } = r;
  const n = order.length;
  let m = 0;
  for (let i2 = 0; i2 < n; i2++) m += sortedPositive[i2];
  const k = n - m;
  const v = new Float64Array(n);
  let negBelow = 0;
  let posBelow = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    const s = sorted[i];
    let p = 0;
    for (; i < n && sorted[i] === s; i++) p += sortedPositive[i];
    const q = i - start - p;
    const v10 = (negBelow + q / 2) / k;
    const v01 = (m - posBelow - p / 2) / m;
    for (let j = start; j < i; j++) v[order[j]] = sortedPositive[j] === 1 ? v10 : v01;
    negBelow += q;
    posBelow += p;
  }
  return v;
}

// src/gates/model/metrics.ts
var PRIMARY_METRIC = { binary: "roc_auc", multiclass: "accuracy", regression: "rmse" };
var METRICS = {
  binary: ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "brier", "ece"],
  multiclass: [
    "accuracy",
    "balanced_accuracy",
    "precision_macro",
    "recall_macro",
    "f1_macro",
    "precision_weighted",
    "recall_weighted",
    "f1_weighted",
    "roc_auc",
    "log_loss",
    "brier",
    "ece"
  ],
  regression: ["rmse", "mae", "r2", "mape"]
};
var LOWER_IS_BETTER = /* @__PURE__ */ new Set(["log_loss", "brier", "ece", "rmse", "mae", "mape"]);
function higherIsBetter(metric) {
  return !LOWER_IS_BETTER.has(metric);
}
var LOG_LOSS_EPS = Number.EPSILON;
function predictedClasses(task, pred) {
  const s = pred.scores;
  if (task === "binary") {
    const out = new Int32Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s[i] > 0.5 ? 1 : 0;
    return out;
  }
  if (task === "multiclass") {
    const c = pred.classes;
    const n = s.length / c;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestV = s[i * c];
      for (let j = 1; j < c; j++) {
        const v = s[i * c + j];
        if (v > bestV) {
          bestV = v;
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }
  throw new Error("predictedClasses: regression has no classes");
}
function confusionMatrix(yTrue, yPred, classes) {
  if (yTrue.length !== yPred.length) throw new Error(`confusionMatrix: ${yTrue.length} labels vs ${yPred.length} predictions`);
  const m = Array.from({ length: classes }, () => new Array(classes).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}
function computeMetrics(task, yTrue, pred) {
  return allMetrics(prepareMetrics(task, yTrue, pred));
}
function allMetrics(ev) {
  const out = {};
  for (const name of METRICS[ev.task]) out[name] = ev.metric(name);
  return out;
}
function prepareMetrics(task, yTrue, pred, seed) {
  if (!seed && task !== "binary") validate(task, yTrue, pred);
  const ev = task === "regression" ? regressionEvaluator(yTrue, pred.scores, seed) : classificationEvaluator(task, yTrue, pred, seed);
  const known = new Map(seed?.metrics);
  const metric = (name, weights = null) => {
    if (weights !== null) return ev.metric(name, weights);
    let v = known.get(name);
    if (v === void 0) {
      v = ev.metric(name);
      known.set(name, v);
    }
    return v;
  };
  return { ...ev, metric, cached: () => ({ ...ev.cached(), metrics: [...known] }) };
}
function aucClasses(task, classes) {
  if (task === "regression") return [];
  return task === "binary" ? [1] : Array.from({ length: classes }, (_, k) => k);
}
function validate(task, y, pred) {
  const per = task === "multiclass" ? pred.classes : 1;
  if (task === "multiclass" && !(Number.isInteger(per) && per >= 2)) throw new Error(`multiclass needs classes >= 2, got ${per}`);
  if (pred.scores.length !== y.length * per) {
    throw new Error(`${pred.scores.length} scores for ${y.length} rows \xD7 ${per} columns`);
  }
  const s = pred.scores;
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i])) {
      const bad = s.reduce((k, v) => Number.isFinite(v) ? k : k + 1, 0);
      throw new ConfigurationError(
        `the model scored ${bad} value${bad === 1 ? "" : "s"} as NaN or infinity (the first for row ${Math.floor(i / per) + 1} of the evaluation data); a model must give every row a finite score`
      );
    }
  }
  if (task === "regression") return;
  const classes = task === "binary" ? 2 : per;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!(Number.isInteger(v) && v >= 0 && v < classes)) {
      throw new ConfigurationError(`Label ${v} at row ${i + 1} is not a class index in 0..${classes - 1}.`);
    }
  }
}
function classificationEvaluator(task, yTrue, pred, seed) {
  const n = yTrue.length;
  const c = task === "binary" ? 2 : pred.classes;
  const s = pred.scores;
  const pass = task === "binary" && !seed ? binaryPass(yTrue, pred) : null;
  const y = pass?.y ?? Int32Array.from(yTrue);
  const label = seed?.predicted ?? pass?.label ?? predictedClasses(task, pred);
  let correctRows = null;
  const losses = new Map(seed?.losses);
  const orders = new Map(seed?.rankings);
  const parts = new Map(seed?.components);
  let unweighted = pass?.confusion ?? null;
  const counts = (w) => {
    if (w === null && unweighted !== null) return unweighted;
    const cm = new Float64Array(c * c);
    for (let i = 0; i < n; i++) cm[y[i] * c + label[i]] += w === null ? 1 : w[i];
    if (w === null) unweighted = cm;
    return cm;
  };
  const ranked = (k) => {
    let r = orders.get(k);
    if (r === void 0) {
      let scores = s;
      if (task === "multiclass") {
        scores = new Float64Array(n);
        for (let i = 0; i < n; i++) scores[i] = s[i * c + k];
      }
      let positive = k === 1 ? pass?.positive : void 0;
      if (positive === void 0) {
        positive = new Uint8Array(n);
        for (let i = 0; i < n; i++) positive[i] = y[i] === k ? 1 : 0;
      }
      r = rankScores(scores, positive);
      orders.set(k, r);
    }
    return r;
  };
  const rowLoss = (name) => {
    if (name !== "log_loss" && name !== "brier") return null;
    let l = losses.get(name);
    if (l !== void 0) return l;
    l = new Float64Array(n);
    if (task === "binary" && name === "brier") binaryBrier(s, y, l);
    else if (task === "binary") binaryLogLoss(s, y, l);
    else for (let i = 0; i < n; i++) l[i] = multiLoss(name, s, i, c, y[i]);
    losses.set(name, l);
    return l;
  };
  const correct = () => {
    if (correctRows === null) {
      correctRows = new Uint8Array(n);
      for (let i = 0; i < n; i++) correctRows[i] = label[i] === y[i] ? 1 : 0;
    }
    return correctRows;
  };
  const ece = (w) => {
    const wSum = new Float64Array(10);
    const confSum = new Float64Array(10);
    const hitSum = new Float64Array(10);
    const ok = task === "multiclass" ? correct() : null;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i];
      if (wi === 0) continue;
      let conf;
      let hit;
      if (ok === null) {
        conf = s[i];
        hit = y[i];
      } else {
        conf = s[i * c + label[i]];
        hit = ok[i];
      }
      const b = eceBin(conf);
      wSum[b] += wi;
      confSum[b] += wi * conf;
      hitSum[b] += wi * hit;
      total += wi;
    }
    return eceOf(wSum, confSum, hitSum, total);
  };
  const metric = (name, weights = null) => {
    const w = weights;
    switch (name) {
      case "roc_auc": {
        if (task === "binary") {
          const r = ranked(1);
          return aucOf(r, w);
        }
        let sum = 0;
        for (let k = 0; k < c; k++) {
          const r = ranked(k);
          sum += aucOf(r, w);
        }
        return sum / c;
      }
      case "pr_auc": {
        if (task !== "binary") break;
        const r = ranked(1);
        return averagePrecisionOf(r, w);
      }
      case "log_loss":
      case "brier": {
        const kept = losses.get(name);
        if (w === null && kept === void 0 && pass) return name === "brier" ? pass.brier : pass.logLoss;
        return weightedMean(kept ?? rowLoss(name), w);
      }
      case "ece":
        return w === null && pass ? pass.ece : ece(w);
      default: {
        const v = metricFromConfusion(task, name, counts(w), c);
        if (v !== void 0) return v;
      }
    }
    throw new Error(`unknown ${task} metric "${name}"`);
  };
  const components = (k) => {
    let v = parts.get(k);
    if (v === void 0) {
      v = delongComponents(ranked(k));
      parts.set(k, v);
    }
    return v;
  };
  const cached = () => ({
    rankings: [...orders],
    losses: [...losses],
    metrics: [],
    components: [...parts],
    predicted: label
  });
  return { task, n, metric, rowLoss, correct, predicted: () => label, ranking: ranked, components, cached };
}
function binaryPass(yTrue, pred) {
  const n = yTrue.length;
  const s = pred.scores;
  if (s.length !== n) validate("binary", yTrue, pred);
  const y = new Int32Array(n);
  const label = new Int32Array(n);
  const positive = new Uint8Array(n);
  const confusion = new Float64Array(4);
  const wSum = new Float64Array(10);
  const confSum = new Float64Array(10);
  const hitSum = new Float64Array(10);
  let logLoss = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const v = yTrue[i];
    const p = s[i];
    if (!(v === 0 || v === 1) || !Number.isFinite(p)) validate("binary", yTrue, pred);
    const yi = v === 1 ? 1 : 0;
    const li = p > 0.5 ? 1 : 0;
    y[i] = yi;
    label[i] = li;
    positive[i] = yi;
    confusion[yi * 2 + li]++;
    logLoss += binaryLogLossRow(p, yi);
    const d = p - yi;
    brier += d * d;
    const b = eceBin(p);
    wSum[b] += 1;
    confSum[b] += p;
    hitSum[b] += yi;
  }
  const ece = eceOf(wSum, confSum, hitSum, n);
  return { y, label, positive, confusion, logLoss: logLoss / n, brier: brier / n, ece };
}
function eceBin(conf) {
  return Math.max(0, Math.min(Math.floor(conf * 10), 9));
}
function eceOf(wSum, confSum, hitSum, total) {
  if (total === 0) return Number.NaN;
  let e = 0;
  for (let b = 0; b < 10; b++) {
    const nb = wSum[b];
    if (nb > 0) e += nb / total * Math.abs(hitSum[b] / nb - confSum[b] / nb);
  }
  return e;
}
function binaryBrier(s, y, out) {
  for (let i = 0; i < out.length; i++) {
    const d = s[i] - y[i];
    out[i] = d * d;
  }
}
function binaryLogLossRow(p, y) {
  const pc = Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  const sum = 1 - pc + pc;
  return -Math.log((y === 1 ? pc : 1 - pc) / sum);
}
function binaryLogLoss(s, y, out) {
  for (let i = 0; i < out.length; i++) out[i] = binaryLogLossRow(s[i], y[i]);
}
function multiLoss(name, s, i, c, y) {
  let acc = 0;
  if (name === "brier") {
    for (let k = 0; k < c; k++) {
      const d = s[i * c + k] - (k === y ? 1 : 0);
      acc += d * d;
    }
    return acc;
  }
  for (let k = 0; k < c; k++) acc += Math.min(Math.max(s[i * c + k], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  return -Math.log(Math.min(Math.max(s[i * c + y], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS) / acc);
}
function weightedMean(v, w) {
  let sum = 0;
  let total = 0;
  if (w === null) {
    for (let i = 0; i < v.length; i++) sum += v[i];
    return sum / v.length;
  }
  for (let i = 0; i < v.length; i++) {
    sum += w[i] * v[i];
    total += w[i];
  }
  return sum / total;
}
function regressionEvaluator(y, yhat, seed) {
  const n = y.length;
  const losses = new Map(seed?.losses);
  const rowLoss = (name) => {
    if (name !== "rmse" && name !== "mae" && name !== "mape") return null;
    let l = losses.get(name);
    if (l !== void 0) return l;
    l = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = y[i] - yhat[i];
      l[i] = name === "rmse" ? e * e : name === "mae" ? Math.abs(e) : Math.abs(e) / Math.max(Math.abs(y[i]), Number.EPSILON);
    }
    losses.set(name, l);
    return l;
  };
  const r2 = (w) => {
    let total = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i];
      total += wi;
      sy += wi * y[i];
    }
    const mean = sy / total;
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i];
      const e = y[i] - yhat[i];
      const d = y[i] - mean;
      ssRes += wi * e * e;
      ssTot += wi * d * d;
    }
    if (ssTot === 0) return ssRes === 0 ? 1 : 0;
    return 1 - ssRes / ssTot;
  };
  const metric = (name, w = null) => {
    if (name === "r2") return r2(w);
    const l = rowLoss(name);
    if (l === null) throw new Error(`unknown regression metric "${name}"`);
    const mean = weightedMean(l, w);
    return name === "rmse" ? Math.sqrt(mean) : mean;
  };
  const none = () => {
    throw new Error("regression has no classes");
  };
  const cached = () => ({ rankings: [], losses: [...losses], metrics: [], components: [] });
  return {
    task: "regression",
    n,
    metric,
    rowLoss,
    correct: none,
    predicted: none,
    ranking: none,
    components: none,
    cached
  };
}

export {
  isConfusionMetric,
  metricFromConfusion,
  PRIMARY_METRIC,
  METRICS,
  higherIsBetter,
  predictedClasses,
  confusionMatrix,
  computeMetrics,
  allMetrics,
  prepareMetrics,
  aucClasses
};

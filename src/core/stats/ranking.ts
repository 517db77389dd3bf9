/**
 * Rank statistics over one score vector: an O(N) radix argsort of float64 scores, and the exact ROC
 * AUC (Mann–Whitney with mid-ranks for ties) and average precision computed by walking that order.
 * The walks take optional per-row weights (bootstrap counts), so a resample costs O(N) without
 * sorting again.
 */

const SMALL = 2048;

/**
 * Per-row weights: bootstrap counts (a Uint8Array keeps a million rows' counts in 1 MB, cache-resident
 * during the random accesses of a walk) or arbitrary non-negative weights.
 */
export type Weights = Float64Array | Uint8Array;

/** Rows in ascending score order, the sorted scores, and each row's 0/1 tag in that order. */
interface Sorted {
  order: Uint32Array;
  sorted: Float64Array;
  sortedTag: Uint8Array;
}

const TAG = 0x80000000;
const ROW = 0x7fffffff;

/**
 * Row indices ordered by ascending score. Ties keep row order. Scores must not be NaN. LSD radix sort on
 * the IEEE-754 bits mapped to an unsigned order (16-bit digits; 32-bit keys when every score is a
 * float32, as ONNX models return them; passes with a single bucket skipped), so 1M scores sort in a
 * few tens of milliseconds.
 */
export function argsortAscending(scores: Float64Array): Uint32Array {
  return sortWithTag(scores, null).order;
}

/**
 * The sort behind argsortAscending, also returning the sorted scores (decoded from the sorted keys) and
 * a 0/1 tag per row carried in the index's top bit: the walks then read memory in sequence instead of
 * gathering scores and labels through the order (a random access per row, as costly as the sort).
 */
function sortWithTag(scores: Float64Array, tag: Uint8Array | null): Sorted {
  const n = scores.length;
  if (n > ROW) throw new Error(`cannot rank ${n} rows (limit ${ROW})`);
  if (n < SMALL) {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => scores[a]! - scores[b]! || a - b);
    const sorted = new Float64Array(n);
    const sortedTag = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      sorted[i] = scores[order[i]!]!;
      sortedTag[i] = tag === null ? 0 : tag[order[i]!]!;
    }
    return { order, sorted, sortedTag };
  }
  const sorted = new Float64Array(n);
  let tagged: Uint32Array;
  const f32 = float32Keys(scores);
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = tag !== null && tag[i] === 1 ? (i | TAG) >>> 0 : i;
  if (f32 !== null) {
    const [keys, out] = radix32(f32.keys, idx, f32.low, f32.high);
    tagged = out;
    // Decoded in place (the sorted keys are this function's own scratch) and widened in the same pass.
    const back = new Float32Array(keys.buffer, keys.byteOffset, n);
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      keys[i] = k & TAG ? (k ^ TAG) >>> 0 : ~k >>> 0;
      sorted[i] = back[i]!;
    }
  } else {
    const words = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
    const lo = new Uint32Array(n);
    const hi = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const h = words[2 * i + 1]!; // little-endian: the high word second
      const l = words[2 * i]!;
      hi[i] = h & TAG ? ~h >>> 0 : (h | TAG) >>> 0;
      lo[i] = h & TAG ? ~l >>> 0 : l;
    }
    const [keys, out] = radixPasses([lo, hi], idx);
    tagged = out;
    const back = new Uint32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const h = keys[1]![i]!;
      const l = keys[0]![i]!;
      back[2 * i + 1] = h & TAG ? (h ^ TAG) >>> 0 : ~h >>> 0;
      back[2 * i] = h & TAG ? l : ~l >>> 0;
    }
    sorted.set(new Float64Array(back.buffer));
  }
  // The row index and its tag share each word of `tagged` (this function's own array): split in place.
  const sortedTag = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = tagged[i]!;
    sortedTag[i] = v >>> 31;
    tagged[i] = v & ROW;
  }
  return { order: tagged, sorted, sortedTag };
}

/**
 * ONNX models mostly output float32: those scores sort on 32-bit keys in two passes instead of four.
 * One pass converts each score, checks it is exactly a float32, maps its bits to an unsigned order
 * (negative: flip every bit; non-negative: flip the sign bit) and counts both 16-bit digits. null as
 * soon as a score is not a float32.
 */
function float32Keys(scores: Float64Array): { keys: Uint32Array; low: Uint32Array; high: Uint32Array } | null {
  const n = scores.length;
  const keys = new Uint32Array(n);
  const f = new Float32Array(keys.buffer);
  const low = new Uint32Array(65536);
  const high = new Uint32Array(65536);
  for (let i = 0; i < n; i++) {
    const x = scores[i]!;
    f[i] = x;
    if (f[i] !== x) return null;
    const b = keys[i]!;
    const k = b & TAG ? ~b >>> 0 : (b | TAG) >>> 0;
    keys[i] = k;
    low[k & 0xffff]!++;
    high[k >>> 16]!++;
  }
  return { keys, low, high };
}

/** Digit counts into each bucket's first position (an exclusive prefix sum), in place. */
function bucketStarts(counts: Uint32Array): void {
  let sum = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b]!;
    counts[b] = sum;
    sum += c;
  }
}

/** Two stable counting passes (low then high 16 bits) with the digits already counted; a pass whose digit is the same for every key is skipped. */
function radix32(keys: Uint32Array, idx: Uint32Array, low: Uint32Array, high: Uint32Array): [Uint32Array, Uint32Array] {
  const n = keys.length;
  let k = keys;
  let ix = idx;
  let k2: Uint32Array | null = null;
  let ix2: Uint32Array | null = null;
  for (const [counts, shift] of [
    [low, 0],
    [high, 16],
  ] as const) {
    if (counts[(k[0]! >>> shift) & 0xffff] === n) continue;
    bucketStarts(counts);
    k2 ??= new Uint32Array(n);
    ix2 ??= new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const key = k[i]!;
      const pos = counts[(key >>> shift) & 0xffff]!++;
      k2[pos] = key;
      ix2[pos] = ix[i]!;
    }
    [k, k2] = [k2, k];
    [ix, ix2] = [ix2, ix];
  }
  return [k, ix];
}

/** LSD passes over 16-bit digits of the key words (least significant word first), moving every word and the index. */
function radixPasses(words: Uint32Array[], idxIn: Uint32Array): [Uint32Array[], Uint32Array] {
  const n = idxIn.length;
  let keys = words;
  let spare: Uint32Array[] = words.map(() => new Uint32Array(n));
  let idx = idxIn;
  let idx2: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (let w = 0; w < words.length; w++) {
    for (const shift of [0, 16]) {
      const k = keys[w]!;
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[(k[i]! >>> shift) & 0xffff]!++;
      if (counts[(k[0]! >>> shift) & 0xffff] === n) continue;
      bucketStarts(counts);
      for (let i = 0; i < n; i++) {
        const pos = counts[(k[i]! >>> shift) & 0xffff]!++;
        idx2[pos] = idx[i]!;
        for (let v = 0; v < keys.length; v++) spare[v]![pos] = keys[v]![i]!;
      }
      [idx, idx2] = [idx2, idx];
      [keys, spare] = [spare, keys];
    }
  }
  return [keys, idx];
}

/** Scores of one ranking in ascending order, with the 0/1 label carried along so walks read memory in sequence. */
export interface Ranking {
  /** order[i] = the row at ascending rank i. */
  order: Uint32Array;
  sorted: Float64Array;
  sortedPositive: Uint8Array;
  /** The 0/1 label by row. */
  positive: Uint8Array;
}

export function rankScores(scores: Float64Array, positive: Uint8Array): Ranking {
  const { order, sorted, sortedTag } = sortWithTag(scores, positive);
  return { order, sorted, sortedPositive: sortedTag, positive };
}

/**
 * ROC AUC: the probability that a random positive outscores a random negative, ties counting one half
 * (Mann–Whitney with mid-ranks; equal to sklearn's trapezoidal ROC area). `weights` is by row (bootstrap
 * counts) or null. NaN when a class is absent.
 */
export function aucOf(r: Ranking, weights: Weights | null): number {
  const { order, sorted, sortedPositive } = r;
  const n = order.length;
  let negBelow = 0;
  let sum = 0;
  let posTotal = 0;
  let i = 0;
  while (i < n) {
    const s = sorted[i]!;
    let wp = 0;
    let wn = 0;
    for (; i < n && sorted[i] === s; i++) {
      const w = weights === null ? 1 : weights[order[i]!]!;
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

/**
 * Average precision as scikit-learn defines it (no interpolation): the sum over distinct thresholds,
 * from the highest score down, of (R_k − R_{k−1}) · P_k. 0 when there is no positive: sklearn then sets
 * recall to 1 at every threshold, so every step has zero width.
 */
export function averagePrecisionOf(r: Ranking, weights: Weights | null): number {
  const { order, sorted, sortedPositive } = r;
  let tp = 0;
  let fp = 0;
  // Σ ΔTP_k · P_k, divided by the total positive weight at the end (one pass).
  let sum = 0;
  let i = order.length - 1;
  while (i >= 0) {
    const s = sorted[i]!;
    let wp = 0;
    let wn = 0;
    for (; i >= 0 && sorted[i] === s; i--) {
      const w = weights === null ? 1 : weights[order[i]!]!;
      if (sortedPositive[i] === 1) wp += w;
      else wn += w;
    }
    tp += wp;
    fp += wn;
    if (wp > 0) sum += (wp * tp) / (tp + fp);
  }
  return tp === 0 ? 0 : sum / tp;
}

/**
 * DeLong's structural components (Sun & Xu 2014, from one sort): for each positive row, the share of
 * negatives it outscores (ties 1/2) — V10; for each negative row, the share of positives that outscore
 * it — V01. Their means are the AUC. Indexed by row: V10 for positives, V01 for negatives.
 */
export function delongComponents(r: Ranking): Float64Array {
  const { order, sorted, sortedPositive } = r;
  const n = order.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += sortedPositive[i]!;
  const k = n - m;
  const v = new Float64Array(n);
  let negBelow = 0;
  let posBelow = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    const s = sorted[i]!;
    let p = 0;
    for (; i < n && sorted[i] === s; i++) p += sortedPositive[i]!;
    const q = i - start - p;
    // Positives: negatives strictly below plus half the tied ones. Negatives: positives strictly above plus half.
    const v10 = (negBelow + q / 2) / k;
    const v01 = (m - posBelow - p / 2) / m;
    for (let j = start; j < i; j++) v[order[j]!] = sortedPositive[j] === 1 ? v10 : v01;
    negBelow += q;
    posBelow += p;
  }
  return v;
}

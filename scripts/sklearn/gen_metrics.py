#!/usr/bin/python3
"""Reference values for mlgate's model metrics and paired statistics.

Run with Debian's python3-sklearn (1.2.1) and python3-scipy:

    apt-get install -y python3-sklearn
    /usr/bin/python3 scripts/sklearn/gen_metrics.py

Writes test/fixtures/sklearn/*.json: seeded inputs, scikit-learn's metric values, numpy values for
the metrics scikit-learn 1.2 lacks (ece, multiclass brier), and scipy values for the paired tests.
CI does not run python: the JSON files are committed, the tests read them.

Conventions shared with src/gates/model/metrics.ts:
- binary predicted label: P(class 1) > 0.5; multiclass: np.argmax (ties to the lowest index);
- ece: 10 equal-width bins, bin = min(floor(10 c), 9), ece = sum_b n_b/N |acc_b - conf_b|, with
  c = P(class 1) and acc = mean(y) for binary, c = max_k p_k and acc = mean(argmax == y) multiclass;
- multiclass brier: mean over rows of sum_k (p_k - [y == k])^2;
- roc_auc where sklearn raises (one class in y_true): null (NaN); pr_auc with no positive is 0, as sklearn.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn import metrics as M

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "sklearn"))
warnings.simplefilter("ignore")


def num(v):
    v = float(v)
    return None if math.isnan(v) or math.isinf(v) else v


def safe(fn):
    try:
        return num(fn())
    except ValueError:
        return None


def ece(conf, hit):
    b = np.clip(np.floor(conf * 10), 0, 9).astype(int)
    total = 0.0
    for k in range(10):
        m = b == k
        if m.any():
            total += m.sum() / len(conf) * abs(hit[m].mean() - conf[m].mean())
    return total


def binary_metrics(y, p):
    yp = (p > 0.5).astype(int)
    z = dict(zero_division=0)
    return {
        "accuracy": num(M.accuracy_score(y, yp)),
        "balanced_accuracy": num(M.balanced_accuracy_score(y, yp)),
        "precision": num(M.precision_score(y, yp, **z)),
        "recall": num(M.recall_score(y, yp, **z)),
        "f1": num(M.f1_score(y, yp, **z)),
        "roc_auc": safe(lambda: M.roc_auc_score(y, p)),
        "pr_auc": safe(lambda: M.average_precision_score(y, p)),
        "log_loss": num(M.log_loss(y, p, labels=[0, 1])),
        "brier": num(M.brier_score_loss(y, p, pos_label=1)),
        "ece": num(ece(p, y.astype(float))),
    }, M.confusion_matrix(y, yp, labels=[0, 1]).tolist()


def multiclass_metrics(y, P):
    C = P.shape[1]
    yp = np.argmax(P, axis=1)
    z = dict(zero_division=0)
    out = {
        "accuracy": num(M.accuracy_score(y, yp)),
        "balanced_accuracy": num(M.balanced_accuracy_score(y, yp)),
    }
    for avg in ("macro", "weighted"):
        out[f"precision_{avg}"] = num(M.precision_score(y, yp, average=avg, **z))
        out[f"recall_{avg}"] = num(M.recall_score(y, yp, average=avg, **z))
        out[f"f1_{avg}"] = num(M.f1_score(y, yp, average=avg, **z))
    out["roc_auc"] = safe(lambda: M.roc_auc_score(y, P, multi_class="ovr", average="macro", labels=list(range(C))))
    out["log_loss"] = num(M.log_loss(y, P, labels=list(range(C))))
    onehot = np.eye(C)[y]
    out["brier"] = num(((P - onehot) ** 2).sum(axis=1).mean())
    out["ece"] = num(ece(P.max(axis=1), (yp == y).astype(float)))
    return out, M.confusion_matrix(y, yp, labels=list(range(C))).tolist()


def regression_metrics(y, yhat):
    return {
        "rmse": num(math.sqrt(M.mean_squared_error(y, yhat))),
        "mae": num(M.mean_absolute_error(y, yhat)),
        "r2": num(M.r2_score(y, yhat)),
        "mape": num(M.mean_absolute_percentage_error(y, yhat)),
    }, None


def delong_reference(y, a, b):
    """DeLong's paired test via mid-ranks (scipy.stats.rankdata), independent of the TS sorted walk."""
    pos, neg = y == 1, y == 0
    m, n = pos.sum(), neg.sum()
    comps = []
    for s in (a, b):
        tz = stats.rankdata(s)
        tx = stats.rankdata(s[pos])
        ty = stats.rankdata(s[neg])
        v10 = (tz[pos] - tx) / n
        v01 = 1 - (tz[neg] - ty) / m
        comps.append((v10, v01))
    s10 = np.cov(np.vstack([comps[0][0], comps[1][0]]))
    s01 = np.cov(np.vstack([comps[0][1], comps[1][1]]))
    var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / n
    delta = M.roc_auc_score(y, a) - M.roc_auc_score(y, b)
    z = delta / math.sqrt(var)
    return {"delta": delta, "variance": var, "z": z, "p_value": 2 * stats.norm.sf(abs(z))}


def mcnemar_reference(ca, cb):
    only_a = int(((ca == 1) & (cb == 0)).sum())
    only_b = int(((ca == 0) & (cb == 1)).sum())
    d = only_a + only_b
    exact = stats.binomtest(only_a, d, 0.5).pvalue if d > 0 else 1.0
    chi = (abs(only_a - only_b) - 1) ** 2 / d if d > 0 else 0.0
    return {"only_candidate": only_a, "only_baseline": only_b, "exact_p": exact, "chi2_cc": chi, "chi2_cc_p": stats.chi2.sf(chi, 1)}


def paired_t_reference(la, lb):
    d = la - lb
    res = stats.ttest_rel(la, lb)
    se = d.std(ddof=1) / math.sqrt(len(d))
    q = stats.t.ppf(0.975, len(d) - 1)
    return {"delta": d.mean(), "t": res.statistic, "p_value": res.pvalue, "ci": [d.mean() - q * se, d.mean() + q * se]}


def write(name, obj):
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"), allow_nan=False)
    print(f"{path}: {os.path.getsize(path)} bytes")


def case(task, name, y, cand, base, classes, note):
    fn = {"binary": binary_metrics, "multiclass": multiclass_metrics, "regression": regression_metrics}[task]
    mc, cmc = fn(y, cand)
    mb, cmb = fn(y, base)
    return {
        "name": name,
        "note": note,
        "task": task,
        "classes": classes,
        "y": y.tolist(),
        "candidate": cand.reshape(-1).tolist(),
        "baseline": base.reshape(-1).tolist(),
        "expected": {"candidate": mc, "baseline": mb},
        "confusion": {"candidate": cmc, "baseline": cmb},
    }


def binary_cases(rng):
    cases = []
    n = 2000
    y = (rng.random(n) < 0.35).astype(int)
    signal = rng.normal(size=n)
    # Rounded to 2 decimals: many tied scores, within and across classes.
    cand = np.round(1 / (1 + np.exp(-(1.4 * (2 * y - 1) + signal))), 2)
    base = np.round(1 / (1 + np.exp(-(1.1 * (2 * y - 1) + 0.6 * signal + rng.normal(size=n)))), 2)
    cases.append(case("binary", "ties", y, cand, base, 2, "2000 rows, scores rounded to 2 decimals (ties)"))
    y = np.array([0] * 150 + [1] * 150)
    sep = np.concatenate([rng.uniform(0.0, 0.45, 150), rng.uniform(0.55, 1.0, 150)]).round(6)
    cases.append(case("binary", "separable", y, sep, 1 - sep, 2, "perfectly separable; baseline perfectly reversed"))
    y = (rng.random(400) < 0.5).astype(int)
    all_one = rng.uniform(0.6, 1.0, 400).round(3)
    all_zero = rng.uniform(0.0, 0.5, 400).round(3)
    cases.append(case("binary", "one_predicted_class", y, all_one, all_zero, 2, "candidate predicts only 1, baseline only 0"))
    extreme = np.where(rng.random(400) < 0.5, 0.0, 1.0)
    extreme[:40] = 0.5
    cases.append(case("binary", "extreme_probabilities", y, extreme, np.clip(extreme, 0.2, 0.8), 2, "exact 0 and 1 (log_loss clipping)"))
    y0 = np.zeros(300, dtype=int)
    cases.append(case("binary", "one_class_true", y0, rng.uniform(0, 1, 300).round(4), rng.uniform(0, 1, 300).round(4), 2, "y_true all 0"))
    return cases


def softmax(logits):
    # Rounded to 6 decimals to keep the fixture small; rows still sum to 1 within sklearn's allclose check.
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.round(e / e.sum(axis=1, keepdims=True), 6)


def multiclass_cases(rng):
    cases = []
    n, C = 2000, 4
    y = rng.integers(0, C, n)
    onehot = np.eye(C)[y]
    # Integer-valued logits: ties across rows in every column and ties for the argmax within rows.
    cand = softmax(rng.integers(0, 4, (n, C)) + 2.0 * onehot)
    base = softmax(rng.normal(size=(n, C)).round(1) + 1.0 * onehot)
    cases.append(case("multiclass", "ties", y, cand, base, C, "2000 rows, 4 classes, tied probabilities and argmax ties"))
    y = rng.integers(0, 3, 500)
    onehot = np.eye(C)[y]
    logits = rng.normal(size=(500, C)) + 1.5 * onehot
    logits[:, 3] = -5.0
    p = softmax(logits)
    cases.append(case("multiclass", "absent_class", y, p, softmax(logits[:, [1, 0, 2, 3]]), C, "class 3 never true nor predicted"))
    y = rng.integers(0, C, 400)
    const = np.tile(softmax(np.array([[0.1, 2.0, 0.3, 0.2]])), (400, 1))
    cases.append(case("multiclass", "one_predicted_class", y, const, softmax(rng.normal(size=(400, C))), C, "candidate predicts class 1 for every row"))
    return cases


def regression_cases(rng):
    cases = []
    n = 2000
    x = rng.normal(size=n)
    y = np.round(3 * x + rng.normal(size=n), 3)
    y[:50] = 0.0  # mape's epsilon
    cand = np.round(3 * x + 0.3 * rng.normal(size=n), 4)
    base = np.round(2.5 * x + 0.5 * rng.normal(size=n), 4)
    cases.append(case("regression", "noisy", y, cand, base, 1, "2000 rows, 50 zero targets"))
    yc = np.full(200, 2.5)
    cases.append(case("regression", "constant_target", yc, yc.copy(), yc + rng.normal(size=200).round(3), 1, "constant target: r2 = 1 exact, else 0"))
    return cases


def paired_refs(rng):
    out = {}
    n = 3000
    y = (rng.random(n) < 0.4).astype(int)
    s = rng.normal(size=n)
    a = np.round(1 / (1 + np.exp(-(1.2 * (2 * y - 1) + s))), 3)
    b = np.round(1 / (1 + np.exp(-(1.0 * (2 * y - 1) + 0.7 * s + 0.7 * rng.normal(size=n)))), 3)
    out["binary"] = {"y": y.tolist(), "candidate": a.tolist(), "baseline": b.tolist()}
    out["delong"] = delong_reference(y, a, b)
    ca = ((a > 0.5).astype(int) == y).astype(int)
    cb = ((b > 0.5).astype(int) == y).astype(int)
    out["mcnemar"] = mcnemar_reference(ca, cb)
    eps = np.finfo(np.float64).eps  # sklearn 1.2's log_loss eps="auto"
    ll = lambda p: -(y * np.log(np.clip(p, eps, 1 - eps)) + (1 - y) * np.log(1 - np.clip(p, eps, 1 - eps)))
    out["log_loss_t"] = paired_t_reference(ll(a), ll(b))
    out["brier_t"] = paired_t_reference((a - y) ** 2, (b - y) ** 2)
    n = 1000
    x = rng.normal(size=n)
    yr = np.round(2 * x + rng.normal(size=n), 3)
    rc = np.round(2 * x + 0.8 * rng.normal(size=n), 3)
    rb = np.round(1.8 * x + 0.9 * rng.normal(size=n), 3)
    out["regression"] = {"y": yr.tolist(), "candidate": rc.tolist(), "baseline": rb.tolist()}
    sc, sb = (rc - yr) ** 2, (rb - yr) ** 2
    mc, mb = sc.mean(), sb.mean()
    # Delta method for sqrt(mean sc) - sqrt(mean sb): covariance matrix of the two means, gradient (1/2√mc, -1/2√mb).
    cov = np.cov(np.vstack([sc, sb])) / n
    g = np.array([0.5 / math.sqrt(mc), -0.5 / math.sqrt(mb)])
    out["rmse"] = {
        "delta": math.sqrt(M.mean_squared_error(yr, rc)) - math.sqrt(M.mean_squared_error(yr, rb)),
        "p_value": stats.ttest_rel(sc, sb).pvalue,
        "se": math.sqrt(g @ cov @ g),
    }
    out["mae_t"] = paired_t_reference(np.abs(rc - yr), np.abs(rb - yr))
    # Small-discordance McNemar: 2x2 with b = 3, c = 12 -> exact binomial.
    out["mcnemar_small"] = {"only_candidate": 3, "only_baseline": 12, "exact_p": stats.binomtest(3, 15, 0.5).pvalue}
    # Agresti, Categorical Data Analysis (2002), Table 10.1: approval 794 / 150 / 86 / 570.
    out["mcnemar_agresti"] = {"table": [[794, 150], [86, 570]], "chi2_cc": (abs(150 - 86) - 1) ** 2 / 236, "p": stats.chi2.sf((abs(150 - 86) - 1) ** 2 / 236, 1)}
    out["distributions"] = {
        "normal_sf": [[z, stats.norm.sf(z)] for z in (-3.0, -0.5, 0.0, 0.7, 1.959963984540054, 4.0, 8.5)],
        "normal_ppf": [[p, stats.norm.ppf(p)] for p in (1e-10, 0.001, 0.025, 0.3, 0.5, 0.975, 0.999999)],
        "t_two_sided": [[t, df, 2 * stats.t.sf(abs(t), df)] for t, df in ((0.5, 3), (2.1, 10), (-3.3, 29), (1.96, 2999), (6.0, 5))],
        "t_ppf_975": [[df, stats.t.ppf(0.975, df)] for df in (1, 2, 5, 30, 299, 100000)],
        "chi2_sf_1": [[x, stats.chi2.sf(x, 1)] for x in (0.01, 1.0, 3.841458820694124, 16.8, 40.0)],
        "binom_half_two_sided": [[k, n, stats.binomtest(k, n, 0.5).pvalue] for k, n in ((0, 5), (3, 15), (7, 14), (10, 24), (1, 1))],
    }
    return out


def main():
    rng = np.random.default_rng(20261125)
    meta = {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__, "seed": 20261125}
    for task, fn in (("binary", binary_cases), ("multiclass", multiclass_cases), ("regression", regression_cases)):
        write(task, {"generated_by": "scripts/sklearn/gen_metrics.py", **meta, "cases": fn(rng)})
    refs = paired_refs(rng)
    write("paired", {"generated_by": "scripts/sklearn/gen_metrics.py", **meta, **json.loads(json.dumps(refs, default=float))})


if __name__ == "__main__":
    main()

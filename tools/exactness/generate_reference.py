#!/usr/bin/env python3
"""High-precision reference values for xent's built-in losses (issue 21), with condition numbers.

Run by hand (python3 with mpmath 1.3; nothing else), from the repository root (a few minutes):

    python3 tools/exactness/generate_reference.py              # both fixtures
    python3 tools/exactness/generate_reference.py binary       # or only one of them

It writes two JSON fixtures that the tests `ExactnessReferenceTest` of losses-binary and
losses-multiclass read:

    losses-binary/src/test/resources/exactness/binary-reference.json
    losses-multiclass/src/test/resources/exactness/multiclass-reference.json

Every case is a loss with its parameters, inputs (doubles, taken as exact) and, for each quantity
xent computes (per-sample losses, the reduced value, each element of the gradient of the reduced
value), the true value rounded once to the nearest double and its condition number:

    cond(f) = sum_j |v_j * df/dv_j| / |f|

over every input v_j that is a measurement: predictions, soft targets (targets strictly between 0
and 1, and every entry of a target distribution) and sample weights. Hard labels 0 / 1, class
indices and parameters are exact data and not perturbed. A backward-stable double algorithm ends
within a few ulps plus about cond ulps; the tests allow 4 ulps (values) and 8 ulps (gradients) plus
2 * cond (docs/exactness.md).

The formulas are xent's documented definitions (docs/losses-binary.md, docs/losses-multiclass.md),
evaluated with 60 significant digits (mpmath), independently of xent's algorithms. Derivatives for
the condition numbers come from forward-mode dual numbers over mpmath numbers (exact derivatives,
no finite differences); the analytic gradients are checked against them while generating.
"""

import json
import math
import os
import random
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 60

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Dual:
    """v + d * eps with eps^2 = 0: d carries the derivative along one input direction."""

    __slots__ = ("v", "d")

    def __init__(self, v, d=0):
        self.v = mpf(v)
        self.d = mpf(d)

    def __add__(self, o):
        o = lift(o)
        return Dual(self.v + o.v, self.d + o.d)

    __radd__ = __add__

    def __sub__(self, o):
        o = lift(o)
        return Dual(self.v - o.v, self.d - o.d)

    def __rsub__(self, o):
        return lift(o) - self

    def __neg__(self):
        return Dual(-self.v, -self.d)

    def __mul__(self, o):
        o = lift(o)
        return Dual(self.v * o.v, self.v * o.d + self.d * o.v)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = lift(o)
        return Dual(self.v / o.v, (self.d * o.v - self.v * o.d) / (o.v * o.v))

    def __rtruediv__(self, o):
        return lift(o) / self


def lift(x):
    return x if isinstance(x, Dual) else Dual(x)


def val(x):
    return x.v if isinstance(x, Dual) else mpf(x)


def exp(x):
    x = lift(x)
    e = mp.exp(x.v)
    return Dual(e, e * x.d)


def log(x):
    x = lift(x)
    return Dual(mp.log(x.v), x.d / x.v)


def log1p(x):
    x = lift(x)
    return Dual(mp.log1p(x.v), x.d / (1 + x.v))


def power(x, g):
    """x^g for a constant g (x > 0, or g = 0)."""
    x = lift(x)
    if g == 0:
        return Dual(1)
    y = x.v ** g
    return Dual(y, g * x.v ** (g - 1) * x.d if x.v != 0 else 0)


def sigmoid(x):
    return 1 / (1 + exp(-lift(x)))


def softplus(x):
    x = lift(x)
    # log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no digits lost to 1 + tiny
    if x.v > 0:
        return x + log1p(exp(-x))
    return log1p(exp(x))


def clip(p, low, high):
    """min(max(p, low), high) with derivative 0 outside (the clamp convention)."""
    if val(p) < low:
        return Dual(low), False
    if val(p) > high:
        return Dual(high), False
    return lift(p), True


# ----------------------------------------------------------------- losses (xent's definitions)

def binary_elements(loss, params, p, y):
    """Per-element losses and d loss / d prediction (lists of Dual)."""
    ls = mpf(params.get("label_smoothing", 0.0))
    logits = params.get("from_logits", False)
    eps = params.get("epsilon", 1e-7)
    high = mpf(1.0 - eps)  # the double 1 - eps, as the kernel's clip bound
    losses, slopes = [], []
    for x, t in zip(p, y):
        ys = t * (1 - ls) + ls / 2
        c = (1 - t) * (1 - ls) + ls / 2
        if loss == "binary_cross_entropy":
            pw = mpf(params.get("pos_weight", 1.0))
            if logits:
                l = c * softplus(x) + pw * ys * softplus(-x)
                g = c * sigmoid(x) - pw * ys * sigmoid(-x)
            else:
                u, inside = clip(x, mpf(eps), high)
                l = (0 if val(ys) == 0 else -pw * ys * log(u)) + (0 if val(c) == 0 else -c * log(1 - u))
                g = ((0 if val(ys) == 0 else -pw * ys / u) + (0 if val(c) == 0 else c / (1 - u))) if inside else Dual(0)
        else:
            gamma = params.get("gamma", 2.0)
            alpha = params.get("alpha")
            a = 1 if alpha is None else ys * alpha + c * (1 - alpha)
            if logits:
                bce = c * softplus(x) + ys * softplus(-x)
                r = ys * sigmoid(-x) + c * sigmoid(x)
                dbce = c * sigmoid(x) - ys * sigmoid(-x)
                dr = (c - ys) * sigmoid(x) * sigmoid(-x)
                inside = True
            else:
                u, inside = clip(x, mpf(eps), high)
                bce = (0 if val(ys) == 0 else -ys * log(u)) + (0 if val(c) == 0 else -c * log(1 - u))
                r = ys * (1 - u) + c * u
                dbce = (0 if val(ys) == 0 else -ys / u) + (0 if val(c) == 0 else c / (1 - u))
                dr = c - ys
            f = power(r, gamma)
            df = power(r, gamma - 1) * gamma * dr if gamma != 0 else Dual(0)
            l = a * f * bce
            g = a * (f * dbce + bce * df) if inside else Dual(0)
        losses.append(lift(l))
        slopes.append(lift(g))
    return losses, slopes


def binary_loss(loss, params, shape, p, y, w):
    """Per-element losses, reduced value (None for none) and gradient of xent's element-wise loss."""
    losses, slopes = binary_elements(loss, params, p, y)
    rows = shape[0]
    k = len(p) // rows
    s = [Dual(1)] * rows if w is None else w
    reduction = params.get("reduction", "mean")
    numerator = sum((s[i // k] * losses[i] for i in range(len(p))), Dual(0))
    if reduction == "mean":
        denominator = sum(s, Dual(0)) * k
        value = numerator / denominator
        gradient = [s[i // k] * slopes[i] / denominator for i in range(len(p))]
    else:
        value = numerator if reduction == "sum" else None
        gradient = [s[i // k] * slopes[i] for i in range(len(p))]
    return losses, value, gradient


def class_loss(loss, params, shape, p, targets, target_shape, w):
    """Per-row losses, reduced value and gradient of xent's class-wise loss."""
    n, classes = shape
    ls = mpf(params.get("label_smoothing", 0.0))
    cw = params.get("class_weights")
    ignore = params.get("ignore_index")
    logits = params.get("from_logits", False)
    eps = params.get("epsilon", 1e-7)
    high = mpf(1.0 - eps)
    gamma = params.get("gamma", 2.0)
    alpha = params.get("alpha", 0.25)
    focal = loss == "categorical_focal_cross_entropy"
    weight = (lambda c: 1) if cw is None else (lambda c: mpf(cw[c]))
    s = [Dual(1)] * n if w is None else w
    reduction = params.get("reduction", "mean")
    row_losses, mean_weights, row_slopes = [], [], []
    for i in range(n):
        x = p[i * classes:(i + 1) * classes]
        if len(target_shape) == 1:
            y = int(val(targets[i]))
            if ignore is not None and y == ignore:
                a = [Dual(0)] * classes
                m = Dual(0)
            else:
                a = [lift((ls / classes) * weight(c) + ((1 - ls) * weight(y) if c == y else 0)) for c in range(classes)]
                m = lift(weight(y))
        else:
            q = targets[i * classes:(i + 1) * classes]
            a = [weight(c) * ((1 - ls) * q[c] + ls / classes) for c in range(classes)]
            m = sum(a, Dual(0)) if cw is not None else Dual(1)
        if logits:
            top = max(val(v) for v in x)
            es = [exp(v - top) for v in x]
            total = sum(es, Dual(0))
            prob = [e / total for e in es]
            logp = [(v - top) - log(total) for v in x]
            inside = [True] * classes
            # 1 - p of the largest class from the others' mass (1 - p would cancel: e^-800 is lost at 60 digits)
            k = max(range(classes), key=lambda c: val(x[c]))
            complement = [1 - prob[c] for c in range(classes)]
            complement[k] = sum((es[c] for c in range(classes) if c != k), Dual(0)) / total
        else:
            clipped = [clip(v, mpf(eps), high) for v in x]
            prob = [u for u, _ in clipped]
            inside = [ok for _, ok in clipped]
            logp = [log(u) for u in prob]
            complement = [1 - u for u in prob]
        if focal:
            f = [alpha * power(complement[c], gamma) * logp[c] for c in range(classes)]
            pf = [alpha * (power(complement[c], gamma)
                           - (gamma * power(complement[c], gamma - 1) * prob[c] * logp[c] if gamma != 0 else 0))
                  for c in range(classes)]
        else:
            f = logp
            pf = [Dual(1)] * classes
        l = -sum((a[c] * f[c] for c in range(classes) if val(a[c]) != 0), Dual(0))
        g = [a[c] * pf[c] for c in range(classes)]
        if logits:
            big_g = sum(g, Dual(0))
            slopes = [prob[c] * big_g - g[c] for c in range(classes)]
        else:
            slopes = [-g[c] / prob[c] if inside[c] else Dual(0) for c in range(classes)]
        row_losses.append(lift(l))
        mean_weights.append(m)
        row_slopes.append(slopes)
    numerator = sum((s[i] * row_losses[i] for i in range(n)), Dual(0))
    if reduction == "mean":
        denominator = sum((s[i] * mean_weights[i] for i in range(n)), Dual(0))
        value = numerator / denominator
        scale = [s[i] / denominator for i in range(n)]
    else:
        value = numerator if reduction == "sum" else None
        scale = s
    gradient = [scale[i] * row_slopes[i][c] for i in range(n) for c in range(classes)]
    return row_losses, value, gradient


# ----------------------------------------------------------------- reference and condition numbers

def evaluate(case, seed_index=None):
    """The case's quantities as Duals, with input j (in measured_inputs order) seeded by its own value."""
    p = [Dual(v) for v in case["predictions"]["values"]]
    t = [Dual(v) for v in case["targets"]["values"]]
    w = None if case["weights"] is None else [Dual(v) for v in case["weights"]]
    if seed_index is not None:
        kind, j = seed_index
        vector = {"p": p, "t": t, "w": w}[kind]
        vector[j] = Dual(vector[j].v, vector[j].v)
    shape = case["predictions"]["shape"]
    if case["loss"].startswith("binary"):
        return binary_loss(case["loss"], case["params"], shape, p, t, w)
    return class_loss(case["loss"], case["params"], shape, p, t, case["targets"]["shape"], w)


def measured_inputs(case):
    inputs = [("p", j) for j in range(len(case["predictions"]["values"]))]
    distribution = len(case["targets"]["shape"]) == 2 and not case["loss"].startswith("binary")
    for j, v in enumerate(case["targets"]["values"]):
        if distribution or (case["loss"].startswith("binary") and 0 < v < 1):
            inputs.append(("t", j))
    if case["weights"] is not None:
        inputs += [("w", j) for j in range(len(case["weights"]))]
    return inputs


def to_double(x):
    d = float(x)  # mpmath rounds to nearest
    if not math.isfinite(d):
        raise ValueError("reference is not a finite double: %s" % x)
    return d


def complete(case):
    losses, value, gradient = evaluate(case)
    quantities = list(losses) + ([value] if value is not None else []) + list(gradient)
    sensitivity = [mpf(0)] * len(quantities)
    for seed in measured_inputs(case):
        l2, v2, g2 = evaluate(case, seed)
        seeded = list(l2) + ([v2] if v2 is not None else []) + list(g2)
        for q, d in enumerate(seeded):
            sensitivity[q] += abs(d.d)
        if seed[0] == "p" and v2 is not None:
            # The analytic gradient is the derivative of the reduced value: check it.
            j = seed[1]
            expected = case["predictions"]["values"][j] * gradient[j].v
            difference = abs(v2.d - expected)
            assert difference == 0 or difference <= mpf(10) ** -40 * max(abs(expected), abs(v2.d)), \
                (case["name"], j, v2.d, expected)

    def entry(q, x):
        cond = 0.0 if x.v == 0 else float(sensitivity[q] / abs(x.v))
        return [to_double(x.v), float("%.3g" % cond) if cond < 1e300 else 1e300]

    n = len(losses)
    case["perSample"] = [entry(q, losses[q]) for q in range(n)]
    if value is not None:
        case["value"] = entry(n, value)
        n += 1
    case["gradient"] = [entry(n + q, gradient[q]) for q in range(len(gradient))]
    return case


def make(name, loss, params, predictions, shape, targets, target_shape, weights=None):
    return {"name": name, "loss": loss, "params": params,
            "predictions": {"shape": shape, "values": [float(v) for v in predictions]},
            "targets": {"shape": target_shape, "values": [float(v) for v in targets]},
            "weights": None if weights is None else [float(v) for v in weights]}


# ----------------------------------------------------------------- the cases

LOGITS = [-1e300, -800, -745, -709.5, -100, -40, -36.7, -20.3, -5.1, -1, -1e-8, 0.0, 1e-8, 0.5, 1, 3.3, 20.3,
          36.7, 40, 100, 709.5, 745, 800, 1e300]
PROBABILITIES = [1e-9, 1e-7, 3e-6, 0.001, 0.2, 0.5, 0.7, 0.9, 0.999, 0.9999999, 1 - 1e-9]
LABELS = [0.0, 1.0, 0.3, 0.5, 0.999]


def element_cases(rng):
    cases = []
    variants = [
        ("binary_cross_entropy", {}),
        ("binary_cross_entropy", {"pos_weight": 2.5}),
        ("binary_cross_entropy", {"label_smoothing": 0.1}),
        ("binary_cross_entropy", {"label_smoothing": 0.2, "pos_weight": 0.7}),
        ("binary_focal_cross_entropy", {"gamma": 2.0}),
        ("binary_focal_cross_entropy", {"gamma": 5.0}),
        ("binary_focal_cross_entropy", {"gamma": 0.5, "alpha": 0.25}),
        ("binary_focal_cross_entropy", {"gamma": 3.7, "label_smoothing": 0.1}),
        ("binary_focal_cross_entropy", {"gamma": 0.0}),
    ]
    for loss, extra in variants:
        for from_logits in (True, False):
            values = LOGITS if from_logits else PROBABILITIES
            for label in LABELS:
                params = dict(extra, from_logits=from_logits, reduction="sum")
                cases.append(make("%s %s y=%g %s" % (loss, "logits" if from_logits else "probabilities", label, extra),
                                  loss, params, values, [len(values)], [label] * len(values), [len(values)]))
    # Weighted reductions: weights near the largest double, weight x loss beyond it, tiny weights.
    weighted = [
        ([1.0, 1e308, 1e308], [0.3, -2.0, 5.0], [1.0, 0.0, 1.0]),
        ([1e300, 1.0, 3.0], [-1e300, 2.0, -0.5], [1.0, 0.0, 1.0]),
        ([1e-300, 2e-300, 5e-301], [0.3, -2.0, 5.0], [1.0, 0.0, 0.5]),
        ([1e300, 1e-300, 7.0], [0.3, -40.0, 745.0], [0.0, 1.0, 0.0]),
        # exp(-|x|) is subnormal: the weight must be applied before it underflows (reduction sum)
        ([1e300, 1e300, 1.0], [-740.0, 740.0, 2.0], [0.0, 1.0, 0.0]),
        ([1e250, 3e200, 1e300], [-1100.5, 1300.25, 745.5], [0.0, 1.0, 1.0]),
    ]
    for loss, extra in [("binary_cross_entropy", {}), ("binary_focal_cross_entropy", {"gamma": 2.0}),
                        ("binary_focal_cross_entropy", {"gamma": 0.5, "alpha": 0.25})]:
        for weights, x, y in weighted:
            for reduction in ("mean", "sum"):
                params = dict(extra, from_logits=True, reduction=reduction)
                try:
                    cases.append(complete(make("%s weighted %s %s" % (loss, reduction, weights), loss, params, x, [3],
                                               y, [3], weights)))
                except ValueError:
                    pass  # the true sum overflows: nothing to compare
    # Random matrices with row weights, every reduction.
    for loss, extra in variants:
        for from_logits in (True, False):
            rows, k = 5, 3
            x = [rng.gauss(0, 4) if from_logits else rng.uniform(0.01, 0.99) for _ in range(rows * k)]
            y = [rng.choice([0.0, 1.0, rng.random()]) for _ in range(rows * k)]
            w = [rng.uniform(0, 3) for _ in range(rows)]
            for reduction in ("mean", "sum", "none"):
                params = dict(extra, from_logits=from_logits, reduction=reduction)
                cases.append(make("%s random %dx%d %s %s" % (loss, rows, k, reduction, extra), loss, params, x,
                                  [rows, k], y, [rows, k], w))
    return [c if "perSample" in c else complete(c) for c in cases]


def class_cases(rng):
    cases = []
    losses = [("categorical_cross_entropy", {}),
              ("categorical_focal_cross_entropy", {"gamma": 2.0, "alpha": 0.25}),
              ("categorical_focal_cross_entropy", {"gamma": 5.0, "alpha": 1.0}),
              ("categorical_focal_cross_entropy", {"gamma": 0.5, "alpha": 0.25})]
    confident = [[40.3, 0.123456, -1.7], [36.1, -3.3, 2.9, 0.7], [-0.1, 38.9, 1.234567], [800.5, 1.1, -3.0],
                 [1e3, -1e3, 0.3], [1e300, -1e300, 0.0], [1.0, 1.0 + 2 ** -40, 0.999]]
    for loss, extra in losses:
        for row in confident:
            for target in range(len(row)):
                params = dict(extra, from_logits=True, reduction="sum")
                cases.append(make("%s confident %s y=%d" % (loss, row, target), loss, params, row, [1, len(row)],
                                  [target], [1]))
    # Random rows, wide spreads, up to 1000 classes.
    for loss, extra in losses:
        for classes, spread in [(3, 3.0), (10, 10.0), (10, 40.0), (200, 20.0)] + (
                [(1000, 15.0)] if loss == "categorical_cross_entropy" else []):
            rows = 1 if classes >= 200 else 4
            x = [rng.gauss(0, spread) for _ in range(rows * classes)]
            y = [rng.randrange(classes) for _ in range(rows)]
            w = [rng.uniform(0.1, 3) for _ in range(rows)]
            for variant, more in [("plain", {}), ("smoothing", {"label_smoothing": 0.1}),
                                  ("class weights", {"class_weights": [rng.uniform(0.5, 2) for _ in range(classes)]})]:
                if classes >= 200 and variant != "plain":
                    continue
                params = dict(extra, **more, from_logits=True, reduction="mean")
                cases.append(make("%s random %dx%d spread %g %s" % (loss, rows, classes, spread, variant), loss, params,
                                  x, [rows, classes], y, [rows], w))
        # Distribution targets and probabilities.
        rows, classes = 3, 4
        x = [rng.gauss(0, 5) for _ in range(rows * classes)]
        q = []
        for _ in range(rows):
            raw = [rng.random() for _ in range(classes)]
            # Targets exactly summing to 1 in doubles is not needed: within 1e-6 passes validation.
            q += [v / sum(raw) for v in raw]
        cases.append(make("%s distributions" % loss, loss, dict(extra, from_logits=True, reduction="mean"), x,
                          [rows, classes], q, [rows, classes], [1.0, 2.0, 0.5]))
        probs = []
        for _ in range(rows):
            raw = [rng.uniform(0.05, 1) for _ in range(classes)]
            probs += [v / sum(raw) for v in raw]
        for reduction in ("mean", "sum"):
            cases.append(make("%s probabilities %s" % (loss, reduction), loss, dict(extra, reduction=reduction), probs,
                              [rows, classes], [0, 3, 1], [rows], [0.5, 1.5, 1.0]))
    # Weighted reductions near the ends of the double range.
    for loss, extra in losses[:2]:
        x = [0.3, -1.2, 2.0, 5.0, 0.1, -0.7, -1e300, 1e300, 0.0]
        for weights in ([1.0, 1e308, 1e308], [1e300, 1.0, 3.0], [1e-300, 2e-300, 5e-301]):
            for reduction in ("mean", "sum"):
                try:
                    cases.append(complete(make("%s weighted %s %s" % (loss, reduction, weights), loss,
                                               dict(extra, from_logits=True, reduction=reduction), x, [3, 3], [1, 0, 2],
                                               [3], weights)))
                except ValueError:
                    pass
    return [c if "perSample" in c else complete(c) for c in cases]


def write(path, cases):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as out:
        json.dump({"generator": "tools/exactness/generate_reference.py", "mpmath": mpmath.__version__,
                   "digits": mp.dps, "cases": cases}, out, separators=(",", ":"))
        out.write("\n")
    print("%s: %d cases, %d quantities" % (path, len(cases), sum(
        len(c["perSample"]) + len(c["gradient"]) + ("value" in c) for c in cases)))


if __name__ == "__main__":
    # python3 tools/exactness/generate_reference.py [binary | multiclass]: both fixtures by default
    which = sys.argv[1:] or ["binary", "multiclass"]
    rng = random.Random(20261203)
    binary = element_cases(rng)  # always: the multi-class cases continue its random sequence
    if "binary" in which:
        write("losses-binary/src/test/resources/exactness/binary-reference.json", binary)
    if "multiclass" in which:
        write("losses-multiclass/src/test/resources/exactness/multiclass-reference.json", class_cases(rng))

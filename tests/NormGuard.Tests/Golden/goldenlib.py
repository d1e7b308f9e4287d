"""Shared helpers for the golden-vector scripts (make_sklearn_golden.py, make_onnx_scaler.py).

Run only with /usr/bin/python3 (Debian python3-sklearn 1.2.1, python3-numpy 1.24, python3-onnx 1.12).

Contents
- pin_numpy_portable(): re-executes the calling script with NPY_DISABLE_CPU_FEATURES set to every feature
  numpy dispatches at run time, so that numpy's ufuncs use the portable C loops.  Why: on this machine
  (AVX512_SKX) numpy 1.24 computes np.log / np.log1p with its own AVX512F/SVML kernels, which differ from
  glibc's log/log1p (and from every other machine's numpy) in the last bit for ~15-25 % of inputs.  With the
  dispatch disabled numpy calls libm (glibc) and the result is the same on every x86-64 Linux machine and
  equals what .NET's Math.Log/MathF.Log return on Linux.  Arithmetic (+ - * / sqrt, min/max, clip) is IEEE
  and unaffected either way.
- jcs_number / canonical_json / manifest_sha256: RFC 8785 (JCS) canonical form as docs/manifest-format.md
  defines it.
- write_manifest: writes a readable manifest whose numbers are already in canonical (shortest) form.
- f32_repr / f64_repr: shortest round-trip text of a value in its own precision.
"""
import hashlib
import json
import math
import os
import subprocess
import sys
from decimal import Decimal

import_numpy_done = False


def pin_numpy_portable():
    """Must be called before `import numpy`.  Re-execs the script once with the dispatch disabled."""
    if "NPY_DISABLE_CPU_FEATURES" in os.environ or "--native" in sys.argv:
        return
    feats = subprocess.check_output(
        [sys.executable, "-c",
         "from numpy.core._multiarray_umath import __cpu_dispatch__ as d; print(' '.join(d))"],
        text=True).strip()
    env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=feats)
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


# --------------------------------------------------------------------------------------------------------
# RFC 8785 canonical JSON
# --------------------------------------------------------------------------------------------------------

def jcs_number(x):
    """ECMAScript Number::toString of a float (Python repr gives the shortest round-trip digits,
    picking the closest when several are as short, exactly as ECMAScript requires).  ints stay ints."""
    if isinstance(x, bool):
        raise TypeError("bool is not a number")
    if isinstance(x, int):
        return str(x)
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        raise ValueError("NaN/Infinity are not JSON numbers")
    if x == 0.0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"  # NormGuard keeps -0 (RFC 8785 writes 0)
    sign = "-" if x < 0 else ""
    t = Decimal(repr(abs(x))).as_tuple()
    digits = "".join(map(str, t.digits))
    exp = t.exponent
    while len(digits) > 1 and digits.endswith("0"):
        digits = digits[:-1]
        exp += 1
    digits = digits.lstrip("0")  # never needed for repr output, kept for safety
    k = len(digits)
    n = exp + k  # value = 0.d1..dk * 10^n
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        es = ("+" if e >= 0 else "-") + str(abs(e))
        s = digits + "e" + es if k == 1 else digits[0] + "." + digits[1:] + "e" + es
    return sign + s


def _self_test_jcs():
    cases = [(0, "0"), (0.0, "0"), (-0.0, "-0"), (1.0, "1"), (0.1, "0.1"), (1e-7, "1e-7"), (1e-6, "0.000001"),
             (1e21, "1e+21"), (1e20, "100000000000000000000"),
             (123456789012345680000.0, "123456789012345680000"), (1.5e-10, "1.5e-10"),
             (-2.5e+30, "-2.5e+30"), (3, "3"), (-1, "-1"), (2.0, "2"), (-3.0, "-3"), (1234.5678, "1234.5678"),
             (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
             (0.000001234, "0.000001234"), (1.234e-7, "1.234e-7"), (1e-3, "0.001"), (123e18, "123000000000000000000"),
             (1.2345e21, "1.2345e+21"), (100.0, "100"), (1700000000.0, "1700000000")]
    for v, want in cases:
        got = jcs_number(v)
        assert got == want, (v, got, want)
    # RFC 8785 Appendix B (IEEE 754 bit pattern -> expected text), except -0: NormGuard writes "-0" (see jcs_number)
    import struct
    rfc = """0000000000000000 0|8000000000000000 -0|0000000000000001 5e-324|8000000000000001 -5e-324
    |7fefffffffffffff 1.7976931348623157e+308|ffefffffffffffff -1.7976931348623157e+308
    |4340000000000000 9007199254740992|c340000000000000 -9007199254740992|4430000000000000 295147905179352830000
    |44b52d02c7e14af5 9.999999999999997e+22|44b52d02c7e14af6 1e+23|44b52d02c7e14af7 1.0000000000000001e+23
    |444b1ae4d6e2ef4e 999999999999999700000|444b1ae4d6e2ef4f 999999999999999900000|444b1ae4d6e2ef50 1e+21
    |3eb0c6f7a0b5ed8c 9.999999999999997e-7|3eb0c6f7a0b5ed8d 0.000001|41b3de4355555553 333333333.3333332
    |41b3de4355555554 333333333.33333325|41b3de4355555555 333333333.3333333|41b3de4355555556 333333333.3333334
    |41b3de4355555557 333333333.33333343|becbf647612f3696 -0.0000033333333333333333
    |43143ff3c1cb0959 1424953923781206.2"""
    for item in rfc.split("|"):
        h, want = item.split()
        got = jcs_number(struct.unpack(">d", bytes.fromhex(h))[0])
        assert got == want, (h, got, want)
    for bad in (float("nan"), float("inf"), -float("inf")):
        try:
            jcs_number(bad)
            raise AssertionError("accepted " + repr(bad))
        except ValueError:
            pass


_self_test_jcs()


def _utf16_key(s):
    return s.encode("utf-16-be")


def _json_string(s):
    # Python escapes exactly ", \, \b \f \n \r \t and other C0 controls as \u00xx (lowercase hex)
    # when ensure_ascii=False, which is what RFC 8785 requires.
    return json.dumps(s, ensure_ascii=False)


def canonical_json(v):
    if isinstance(v, dict):
        return "{" + ",".join(_json_string(k) + ":" + canonical_json(v[k])
                              for k in sorted(v.keys(), key=_utf16_key)) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(canonical_json(x) for x in v) + "]"
    if isinstance(v, str):
        return _json_string(v)
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    return jcs_number(v)


def manifest_sha256(manifest):
    body = {k: v for k, v in manifest.items() if k != "sha256"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def _pretty(v, indent, level):
    flat = canonical_json(v) if not isinstance(v, dict) else None
    pad = " " * (indent * (level + 1))
    end = " " * (indent * level)
    if isinstance(v, dict):
        one = "{ " + ", ".join(_json_string(k) + ": " + _pretty(x, indent, level + 1) for k, x in v.items()) + " }"
        if len(one) <= 110 and "\n" not in one:
            return one
        return "{\n" + ",\n".join(pad + _json_string(k) + ": " + _pretty(x, indent, level + 1)
                                  for k, x in v.items()) + "\n" + end + "}"
    if isinstance(v, list):
        if all(not isinstance(x, (dict, list)) for x in v):
            return "[" + ", ".join(canonical_json(x) for x in v) + "]"
        return "[\n" + ",\n".join(pad + _pretty(x, indent, level + 1) for x in v) + "\n" + end + "]"
    return flat


def write_manifest(path, manifest):
    """Adds sha256, writes a readable file (numbers already in canonical text), and re-reads it to check
    that the hash recomputed from the file is the same."""
    m = {k: v for k, v in manifest.items() if k != "sha256"}
    m["sha256"] = manifest_sha256(m)
    text = _pretty(m, 2, 0) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    with open(path, encoding="utf-8") as f:
        back = json.load(f)
    assert manifest_sha256(back) == m["sha256"] == back["sha256"], path
    return m["sha256"]


def file_sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# --------------------------------------------------------------------------------------------------------
# shortest text of a value in its own precision
# --------------------------------------------------------------------------------------------------------

def f64_repr(v):
    return repr(float(v))  # 'nan', 'inf', '-inf', '-0.0', '1e-07', '0.1', ...


def f32_repr(v):
    import numpy as np
    x = np.float32(v)
    if np.isnan(x):
        return "nan"
    s = repr(x)  # numpy Dragon4, shortest digits that round-trip as float32 ('inf', '-inf', '-0.0', '1e-07')
    assert np.float32(float(s)).tobytes() == x.tobytes(), (s, x)
    return s

#!/usr/bin/env bash
# `normguard import sklearn` runs a Python exporter, so its live tests need a /usr/bin/python3 that can unpickle
# scikit-learn and joblib files (pandas for the DataFrame-fitted fixtures, lz4 for the lz4 joblib writer). The golden
# vectors those tests compare against are committed; only the import itself needs Python.
# Installs Debian's packages when missing and this runs as root with apt-get. Exit 0: the Python is there (CI then
# requires the live tests to run); exit 1: it is not and cannot be installed here (they report themselves skipped).
set -uo pipefail
check='import sklearn, joblib, pandas, lz4; print("python3: scikit-learn", sklearn.__version__, "joblib", joblib.__version__, "pandas", pandas.__version__)'
if /usr/bin/python3 -c "$check" 2>/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "python3 with scikit-learn, joblib, pandas and lz4 is not installed and cannot be installed here (needs root and apt-get): the live sklearn import tests will report skipped" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends python3-sklearn python3-joblib python3-pandas python3-lz4 >/dev/null
if /usr/bin/python3 -c "$check"; then exit 0; fi
echo "apt-get could not install python3-sklearn python3-joblib python3-pandas python3-lz4: the live sklearn import tests will report skipped" >&2
exit 1

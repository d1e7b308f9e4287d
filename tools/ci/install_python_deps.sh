#!/usr/bin/env bash
# `normguard import sklearn` runs a Python exporter, so its live tests need a Python that can unpickle scikit-learn and
# joblib files. The golden vectors those tests compare against are committed; only the import itself needs Python.
# Installs Debian's python3-sklearn and python3-joblib for /usr/bin/python3 when they are missing and this runs as root
# with apt-get; otherwise says why not, and the live tests report themselves skipped.
set -uo pipefail
if /usr/bin/python3 -c 'import sklearn, joblib' 2>/dev/null; then
  /usr/bin/python3 -c 'import sklearn, joblib; print("python3: scikit-learn", sklearn.__version__, "joblib", joblib.__version__)'
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "python3 with scikit-learn and joblib is not installed and cannot be installed here (needs root and apt-get): live sklearn import tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends python3-sklearn python3-joblib >/dev/null; then
  /usr/bin/python3 -c 'import sklearn, joblib; print("python3: scikit-learn", sklearn.__version__, "joblib", joblib.__version__)'
else
  echo "apt-get could not install python3-sklearn python3-joblib: live sklearn import tests will be skipped" >&2
fi
exit 0

"""Adds the "sha256" field to hand-written or script-written test manifests, so that the build binds them sealed
(NG0017 warns about a manifest without one). The hash is the RFC 8785 form of the content without "sha256"
(Golden/goldenlib.py, which the C# reader agrees with); the file's own formatting is kept and the field goes last.

    /usr/bin/python3 tests/NormGuard.Tests/Manifests/seal_fixtures.py FILE.normguard.json ...

A file that already has "sha256" is rewritten with the hash of its current content.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Golden"))
from goldenlib import manifest_sha256  # noqa: E402


def seal(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    manifest = json.loads(text)
    digest = manifest_sha256(manifest)
    text = re.sub(r',\s*"sha256"\s*:\s*"[0-9a-fA-F]*"', "", text)
    end = text.rstrip().rfind("}")
    body = text[:end].rstrip()
    text = body + ',\n  "sha256": "' + digest + '"\n}\n'
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    assert manifest_sha256(json.loads(text)) == digest == json.loads(text)["sha256"], path


if __name__ == "__main__":
    for name in sys.argv[1:]:
        seal(name)

#!/usr/bin/env bash
# Copies every document of testdata/corpus (good and hostile) into the fuzzer's seed corpus.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seeds="$here/corpus/extract_document"
mkdir -p "$seeds"
find "$here/../testdata/corpus" -type f ! -name expected.json ! -name ground_truth.txt \
  ! -name '*.md' ! -name '*.sh' -size -4M -exec cp {} "$seeds/" \;

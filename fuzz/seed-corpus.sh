#!/usr/bin/env bash
# Seeds each fuzz target: every document of testdata/corpus (good and hostile) for document
# intake, the sample replies of fuzz/seeds/ for the feedback-reply parser.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seeds="$here/corpus/extract_document"
mkdir -p "$seeds"
find "$here/../testdata/corpus" -type f ! -name expected.json ! -name ground_truth.txt \
  ! -name '*.md' ! -name '*.sh' -size -4M -exec cp {} "$seeds/" \;
mkdir -p "$here/corpus/parse_feedback_reply"
cp "$here"/seeds/parse_feedback_reply/* "$here/corpus/parse_feedback_reply/"

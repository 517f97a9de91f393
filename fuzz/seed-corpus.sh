#!/usr/bin/env bash
# Seeds each fuzz target: every document of testdata/corpus (good and hostile) for document
# intake; for the LLM-reply targets (feedback replies, question replies, provider bodies in
# each wire format) the samples in fuzz/seeds/<target>/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seeds="$here/corpus/extract_document"
mkdir -p "$seeds"
find "$here/../testdata/corpus" -type f ! -name expected.json ! -name ground_truth.txt \
  ! -name '*.md' ! -name '*.sh' -size -4M -exec cp {} "$seeds/" \;
for target in parse_feedback_reply parse_question_reply provider_stream; do
  mkdir -p "$here/corpus/$target"
  cp "$here/seeds/$target"/* "$here/corpus/$target/"
done

#!/bin/sh
# Runs the test suite with node's own runner. Node 20 has no globs, so the files are listed here;
# an empty list is a failure, never a silent pass.
set -eu
case "${1:-all}" in
  unit) files=$(find src -name '*.test.ts' | sort) ;;
  e2e) files=$(find test -name '*.test.ts' | sort) ;;
  *) files=$(find src test -name '*.test.ts' | sort) ;;
esac
[ -n "$files" ] || { echo "no test files found" >&2; exit 1; }
exec node --import tsx --test --test-concurrency=2 $files

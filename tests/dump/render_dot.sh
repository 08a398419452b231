#!/bin/sh
# render_dot.sh EXE DOT: runs EXE with KILN_DUMP=dot and KILN_DUMP_DIR set,
# and renders every .dot file it wrote with Graphviz's DOT (as the README
# says to), so the files are valid Graphviz as written.
set -eu
exe=$1 dot=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
KILN_DUMP=dot KILN_DUMP_DIR=$dir "$exe" >/dev/null
count=0
for f in "$dir"/*-dot-*.dot; do
  [ -e "$f" ] || { echo "render_dot.sh: no .dot file in $dir" >&2; exit 1; }
  "$dot" -Tsvg "$f" >/dev/null
  count=$((count + 1))
done
echo "rendered $count graphs"

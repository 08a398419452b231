#!/bin/sh
# run.sh PROBE [measure]: the disk kernel cache across processes. Each PROBE
# run checks its values and prints its counters (probe.cpp); this script
# checks that a second process (at the same size or another) compiles
# nothing (and loads its kernels with kiln's object loader or LLJIT), that
# truncated, corrupt and foreign entries are ignored and rewritten, that
# concurrent writers leave valid entries, and that an unwritable or disabled
# cache only costs compiles.
# `measure` prints the first realize's time on 16M floats, cold and warm.
set -eu
probe=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "run.sh: $*" >&2; exit 1; }
# run DIR NAME: runs the probe with KILN_CACHE_DIR=DIR, saving its words in
# $tmp/NAME.out and its stderr in $tmp/NAME.err.
run() { KILN_CACHE_DIR=$1 "$probe" ${N:-} >"$tmp/$2.out" 2>"$tmp/$2.err" || fail "$2: probe failed: $(cat "$tmp/$2.err")"; }
# expect NAME WORD...: each key=value WORD is in NAME's output.
expect() {
  name=$1; shift
  for w in "$@"; do
    grep -q "\\b$w\\b" "$tmp/$name.out" || fail "$name: expected $w in: $(cat "$tmp/$name.out")"
  done
}
entries() { ls "$1" | grep -c '\.kernel$' || true; }

if [ "${2:-}" = measure ]; then
  N=16777216
  for i in 1 2 3; do
    rm -rf "$tmp/m"
    run "$tmp/m" cold && run "$tmp/m" warm
    echo "cold: $(cat "$tmp/cold.out")"
    echo "warm: $(cat "$tmp/warm.out")"
  done
  exit 0
fi

# A first process compiles and writes its three kernels, a second loads them.
run "$tmp/c" cold
expect cold compiled=3 disk_hits=0 disk_writes=3 disk_rejects=0
[ "$(entries "$tmp/c")" = 3 ] || fail "expected 3 entries in $tmp/c: $(ls "$tmp/c")"
run "$tmp/c" warm
expect warm compiled=0 disk_hits=3 disk_writes=0 disk_rejects=0
# Kernels take their sizes as arguments: a process at another size loads
# the same entries.
N=5000 run "$tmp/c" other_size
expect other_size compiled=0 disk_hits=3 disk_writes=0 disk_rejects=0
# Loaded by kiln's object loader unless KILN_OBJECT_LOADER=orc: both right.
(export KILN_OBJECT_LOADER=kiln; run "$tmp/c" kiln)
expect kiln compiled=0 disk_hits=3 llvm_links=0
(export KILN_OBJECT_LOADER=orc; run "$tmp/c" orc)
expect orc compiled=0 disk_hits=3 llvm_links=3

# A truncated entry, an entry with a flipped byte and another kernel's entry
# under this kernel's name: ignored, compiled, rewritten.
set -- "$tmp"/c/*.kernel
cp "$1" "$tmp/foreign"
head -c 100 "$1" >"$tmp/t" && mv "$tmp/t" "$1"
at=$(($(wc -c <"$2") - 10))
byte=$(od -An -tu1 -j "$at" -N1 "$2")
printf "\\$(printf %o $(((byte + 1) % 256)))" | dd of="$2" bs=1 seek="$at" conv=notrunc 2>/dev/null
cp "$tmp/foreign" "$3"
run "$tmp/c" corrupt
expect corrupt compiled=3 disk_hits=0 disk_writes=3 disk_rejects=3
run "$tmp/c" repaired
expect repaired compiled=0 disk_hits=3 disk_rejects=0
: >"$2"  # an empty entry
run "$tmp/c" empty
expect empty compiled=1 disk_hits=2 disk_writes=1 disk_rejects=1

# Four processes compile the same kernels at once (each may load what
# another wrote first): never a partial entry, no temporary files left.
for i in 1 2 3 4; do run "$tmp/p" "par$i" & done
wait
for i in 1 2 3 4; do expect "par$i" disk_rejects=0; done
[ "$(ls "$tmp/p" | wc -l)" = 3 ] || fail "expected 3 files in $tmp/p: $(ls "$tmp/p")"
run "$tmp/p" after_par
expect after_par compiled=0 disk_hits=3 disk_rejects=0

# A directory that cannot be created (under a regular file): one warning,
# correct values, every kernel compiled.
: >"$tmp/file"
run "$tmp/file/kiln" unwritable
expect unwritable compiled=3 disk_hits=0 disk_writes=0
[ "$(grep -c 'kernel cache .* not writable' "$tmp/unwritable.err")" = 1 ] || fail "expected one warning: $(cat "$tmp/unwritable.err")"

# Off: nothing read or written.
for off in off 0 ''; do
  run "$off" off
  expect off compiled=3 disk_hits=0 disk_writes=0
done

# Unset: $XDG_CACHE_HOME/kiln.
(unset KILN_CACHE_DIR; XDG_CACHE_HOME="$tmp/xdg" "$probe" >"$tmp/xdg.out" 2>&1) || fail "xdg: probe failed"
expect xdg compiled=3 disk_writes=3
[ "$(entries "$tmp/xdg/kiln")" = 3 ] || fail "expected 3 entries in $tmp/xdg/kiln"
echo "disk cache: all checks passed"

#!/bin/sh
# run.sh EXE FILECHECK CHECKFILE: runs EXE with KILN_DUMP set from the
# check file's "DUMP:" line and FileChecks what it prints to stderr.
set -eu
exe=$1 filecheck=$2 check=$3
stages=$(sed -n 's/^# DUMP: *//p' "$check")
KILN_DUMP=$stages "$exe" 2>&1 >/dev/null | "$filecheck" "$check"

#!/usr/bin/env bash
# Behaviour lock for checker performance work: records the checker's full
# output with the checker engine of BASE (default: the commit before the
# first optimisation) on the *current* rule definitions (src/rules,
# src/elements.rs, corpus), then checks that the working tree's engine gives
# the same output. Usage: bench/lock-compare.sh [BASE]
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
base=${1:-3be7064}
crate=crates/forthright-check
wt=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"' EXIT
git -C "$root" worktree add --detach "$wt" "$base" >/dev/null
theirs() { (cd "$root/$crate" && cat src/elements.rs src/rules/*.rs corpus/*.toml | md5sum); }
before=$(theirs)
# The other engineer's files (and the lock test itself) from the working tree.
rm -rf "$wt/$crate/src/rules"
cp -r "$root/$crate/src/rules" "$wt/$crate/src/rules"
cp "$root/$crate/src/elements.rs" "$wt/$crate/src/elements.rs"
cp "$root/$crate/corpus/"*.toml "$wt/$crate/corpus/"
cp "$root/$crate/tests/behaviour_lock.rs" "$wt/$crate/tests/"
(cd "$wt" && CARGO_TARGET_DIR="$root/target/lock-base" cargo clean -q --release -p forthright-check && CARGO_TARGET_DIR="$root/target/lock-base" UPDATE_LOCK=1 \
  cargo test -q --release -p forthright-check --test behaviour_lock)
cp "$wt/$crate/tests/behaviour_lock.jsonl" "$root/$crate/tests/behaviour_lock.jsonl"
cd "$root" && cargo test -q --release -p forthright-check --test behaviour_lock
if [ "$(theirs)" != "$before" ]; then
  echo "rule definitions changed during the run; run again" >&2
  exit 3
fi
echo "behaviour lock: working tree matches $base on the current rule definitions"

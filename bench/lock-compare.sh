#!/usr/bin/env bash
# Behaviour lock for checker performance work: the checker engine of BASE
# (default: the commit before the first optimisation) and the engine in the
# working tree, both built on one snapshot of the current rule definitions
# (src/rules, src/elements.rs, corpus: another engineer edits those while we
# work), must give identical output over the corpus
# (tests/behaviour_lock.rs). Both builds happen in temporary worktrees, so
# edits to the working tree during the run do not matter.
# Usage: bench/lock-compare.sh [BASE]
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
base=${1:-3be7064}
crate=crates/forthright-check
snap=$(mktemp -d)
old=$(mktemp -d)
new=$(mktemp -d)
cleanup() {
  git -C "$root" worktree remove --force "$old" >/dev/null 2>&1 || true
  git -C "$root" worktree remove --force "$new" >/dev/null 2>&1 || true
  rm -rf "$snap" "$old" "$new"
}
trap cleanup EXIT
# One snapshot of the rule definitions.
mkdir -p "$snap/src" "$snap/corpus"
cp -r "$root/$crate/src/rules" "$snap/src/rules"
cp "$root/$crate/src/elements.rs" "$snap/src/"
cp "$root/$crate/corpus/"*.toml "$snap/corpus/"
overlay() {
  rm -rf "$1/$crate/src/rules"
  cp -r "$snap/src/rules" "$1/$crate/src/rules"
  cp "$snap/src/elements.rs" "$1/$crate/src/"
  cp "$snap/corpus/"*.toml "$1/$crate/corpus/"
  cp "$root/$crate/tests/behaviour_lock.rs" "$1/$crate/tests/"
}
git -C "$root" worktree add --detach "$old" "$base" >/dev/null 2>&1
git -C "$root" worktree add --detach "$new" HEAD >/dev/null 2>&1
# The new engine: the working tree's crate, then the same rule snapshot.
cp -r "$root/$crate/src/." "$new/$crate/src/"
cp -r "$root/$crate/tests/." "$new/$crate/tests/"
overlay "$old"
overlay "$new"
run() { # dir target-subdir [UPDATE]
  (cd "$1" && CARGO_TARGET_DIR="$root/target/$2" cargo clean -q --release -p forthright-check &&
    CARGO_TARGET_DIR="$root/target/$2" UPDATE_LOCK=${3:-} \
      cargo test -q --release -p forthright-check --test behaviour_lock -- --ignored)
}
run "$old" lock-base update
cp "$old/$crate/tests/behaviour_lock.jsonl" "$new/$crate/tests/behaviour_lock.jsonl"
run "$new" lock-new
cp "$old/$crate/tests/behaviour_lock.jsonl" "$root/$crate/tests/behaviour_lock.jsonl"
echo "behaviour lock: working tree engine matches $base on one snapshot of the rule definitions"

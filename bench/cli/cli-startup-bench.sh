#!/usr/bin/env bash
# Start-up time of `npx otop` for help, which loads no command (#20): Node alone, Node with
# tsx's loader registered (what a command paid before bin/otop.js ran the esbuild build of the CLI;
# OTOP_CLI_TSX=1 still does), and `otop --help` /
# `otop export --help`. With an argument (a git revision), the same help runs at that revision
# too, from a `git archive` copy, for the before/after figure.
# Usage: bench/cli/cli-startup-bench.sh [old-revision]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${RUNS:-20}"
cmds=(
  -n 'node -e 0' 'node -e 0'
  -n 'node + tsx register' "node -e \"import('tsx/esm/api').then((m) => m.register())\""
  -n 'otop --help' 'node bin/otop.js --help'
  -n 'otop export --help' 'node bin/otop.js export --help'
)
if [[ $# -ge 1 ]]; then
  old="$(mktemp -d)"
  trap 'rm -rf "$old"' EXIT
  git archive "$1" | tar -x -C "$old"
  ln -s "$PWD/node_modules" "$old/node_modules"
  cmds+=(-n "otop --help at $1" "node $old/bin/otop.js --help")
fi
json="$(mktemp)"
hyperfine --warmup 2 --runs "$runs" --style basic --export-json "$json" "${cmds[@]}" >&2
# Medians: on a shared machine the mean is pulled up by whatever else runs.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
  console.log("| command | median ms | min ms | max ms |\n|---|---:|---:|---:|");
  for (const x of r) console.log(`| \`${x.command}\` | ${Math.round(x.median * 1000)} | ${Math.round(x.min * 1000)} | ${Math.round(x.max * 1000)} |`);
' "$json"
rm -f "$json"

#!/usr/bin/env bash
# Measures Porcupine and faultline back to back on the same histories (Porcupine's own test
# data, copied in test/fixtures/porcupine), on this machine, now: the honest peer figure that
# `faultline bench checker` only has as a stored constant (porcupineStoredMs).
#
#   bench/peers/porcupine.sh PORCUPINE_CHECKOUT [--runs N]
#
# Needs Go (Debian's golang-go) and a checkout of github.com/anishathalye/porcupine (any
# folder with its go.mod and porcupine_test.go). The checkout is copied to a temporary
# folder and given one extra test file that times Porcupine's CheckEvents on each history
# (with the models and parsers of Porcupine's own tests), median of N runs; nothing is
# written into the checkout or this project. Then `faultline bench checker --json` runs,
# and both are printed with the ratio. Exit 2 when Go or the checkout is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
checkout=${1:-}
runs=3
if [ "${2:-}" = "--runs" ]; then runs=${3:?--runs needs a number}; fi
if [ -z "$checkout" ] || [ ! -f "$checkout/porcupine_test.go" ]; then
  echo "usage: bench/peers/porcupine.sh PORCUPINE_CHECKOUT [--runs N]" >&2
  echo "  PORCUPINE_CHECKOUT must hold Porcupine's go.mod and porcupine_test.go; found: '${checkout}'" >&2
  exit 2
fi
if ! command -v go >/dev/null 2>&1; then
  echo "bench/peers/porcupine.sh: needs Go (apt-get install -y golang-go)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$checkout"/. "$work"/
rm -rf "$work/.git"
cat > "$work/zz_faultline_peer_test.go" <<'GO'
package porcupine

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"
)

func medianMs(runs int, check func() bool) (float64, bool) {
	times := make([]float64, 0, runs)
	var verdict bool
	for i := 0; i < runs; i++ {
		start := time.Now()
		verdict = check()
		times = append(times, float64(time.Since(start).Microseconds())/1000)
	}
	sort.Float64s(times)
	if runs%2 == 1 {
		return times[runs/2], verdict
	}
	return (times[runs/2-1] + times[runs/2]) / 2, verdict
}

func TestFaultlinePeerTiming(t *testing.T) {
	fixtures := os.Getenv("FAULTLINE_FIXTURES")
	runs, _ := strconv.Atoi(os.Getenv("FAULTLINE_RUNS"))
	etcdFiles, _ := filepath.Glob(filepath.Join(fixtures, "jepsen", "etcd_*.log"))
	kvFiles, _ := filepath.Glob(filepath.Join(fixtures, "kv", "*.txt"))
	etcdMs, kvMs := 0.0, 0.0
	verdicts := map[string]bool{}
	for _, file := range etcdFiles {
		events := parseJepsenLog(file)
		ms, ok := medianMs(runs, func() bool { return CheckEvents(etcdModel, events) })
		etcdMs += ms
		verdicts["jepsen/"+filepath.Base(file)] = ok
	}
	for _, file := range kvFiles {
		events := parseKvLog(file)
		ms, ok := medianMs(runs, func() bool { return CheckEvents(kvModel, events) })
		kvMs += ms
		verdicts["kv/"+filepath.Base(file)] = ok
	}
	out, _ := json.Marshal(map[string]interface{}{"porcupineEtcdMs": etcdMs, "porcupineKvMs": kvMs, "files": len(verdicts), "verdicts": verdicts})
	fmt.Println("FAULTLINE-PEER " + string(out))
}
GO
echo "porcupine: go test in a copy of $checkout ($runs runs per file)..." >&2
peer=$(cd "$work" && FAULTLINE_FIXTURES="$here/test/fixtures/porcupine" FAULTLINE_RUNS="$runs" \
  GOFLAGS=-mod=mod go test -count=1 -run TestFaultlinePeerTiming -v . | sed -n 's/^FAULTLINE-PEER //p')
echo "faultline: bench checker..." >&2
ours=$(node "$here/bin/faultline.js" bench checker --json 2>/dev/null | tail -n 1)
node --input-type=module -e '
const peer = JSON.parse(process.argv[1]);
const ours = JSON.parse(process.argv[2]);
const expected = JSON.parse((await import("node:fs")).readFileSync(process.argv[3], "utf8"));
const disagree = Object.entries(peer.verdicts).filter(([name, ok]) => (expected[name]?.linearizable ?? true) !== ok).map(([name]) => name);
const porcupineMs = peer.porcupineEtcdMs + peer.porcupineKvMs;
const faultlineMs = ours.etcdMs + ours.kvMs;
console.log(JSON.stringify({
  suite: "porcupine-peer",
  porcupineEtcdMs: Math.round(peer.porcupineEtcdMs * 100) / 100,
  porcupineKvMs: Math.round(peer.porcupineKvMs * 100) / 100,
  faultlineEtcdMs: ours.etcdMs,
  faultlineKvMs: ours.kvMs,
  ratio: Math.round((faultlineMs / porcupineMs) * 1000) / 1000,
  porcupineVerdictsDisagreeingWithExpected: disagree,
  faultlineMismatches: ours.mismatches,
}));
' "$peer" "$ours" "$here/test/fixtures/porcupine/expected.json"

#!/bin/sh
# Whole-process figures for the release binary: wall time (median of
# repeated runs) and peak resident memory (`/usr/bin/time -v`), for dossier
# and, on the same titles, for `fzf --filter`.
#
#   cargo build --release
#   cargo run --release --example gen_corpus -- --n 100000 --out /tmp/corpus100k
#   sh benches/process.sh [runs]
#
# Environment: CORPUS (default /tmp/corpus100k), TITLES (default
# $CORPUS-titles.txt), SHARED (default ../shared), DOSSIER (the binary).
set -eu

RUNS=${1:-5}
CORPUS=${CORPUS:-/tmp/corpus100k}
TITLES=${TITLES:-$CORPUS-titles.txt}
SHARED=${SHARED:-$(dirname "$0")/../../shared}
DOSSIER=${DOSSIER:-$(dirname "$0")/../target/release/dossier}

if [ ! -d "$CORPUS" ]; then
    echo "note: $CORPUS absent (generate it with examples/gen_corpus); skipped"
    exit 0
fi

# Median wall seconds and peak RSS (MB) of one command over $RUNS runs.
measure() {
    label=$1
    shift
    times=""
    peak=0
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        /usr/bin/time -v "$@" >/dev/null 2>/tmp/dossier-time.$$ || true
        wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' /tmp/dossier-time.$$ |
            awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' /tmp/dossier-time.$$)
        [ "$rss" -gt "$peak" ] && peak=$rss
        times="$times $wall"
        i=$((i + 1))
    done
    rm -f /tmp/dossier-time.$$
    echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n |
        awk -v label="$label" -v peak="$peak" '{ t[NR] = $1 }
            END { printf "%-58s median %7.3f s  min %7.3f s  max %7.3f s  peak %6.0f MB  (%d runs)\n",
                  label, t[int((NR + 1) / 2)], t[1], t[NR], peak / 1024, NR }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -d "$SHARED/corpora" ]; then
    measure "dossier check bbc" "$DOSSIER" check "$SHARED/corpora/bbc"
    measure "dossier list bbc --query kushner" "$DOSSIER" list "$SHARED/corpora/bbc" --query kushner
    measure "dossier check reuters21578" "$DOSSIER" check "$SHARED/corpora/reuters21578"
fi
measure "dossier check corpus100k" "$DOSSIER" check "$CORPUS"
measure "dossier list corpus100k --query kushner" "$DOSSIER" list "$CORPUS" --query kushner
if [ -f "$CORPUS.jsonl" ]; then
    measure "dossier list corpus100k.jsonl --query kushner" "$DOSSIER" list "$CORPUS.jsonl" --query kushner
fi
if command -v fzf >/dev/null && [ -f "$TITLES" ]; then
    measure "fzf --filter kushner < titles (100k lines)" sh -c "fzf --filter kushner < '$TITLES'"
    measure "fzf --filter k < titles (100k lines)" sh -c "fzf --filter k < '$TITLES'"
    echo "fzf matches for kushner: $(fzf --filter kushner < "$TITLES" | wc -l);" \
        "dossier: $("$DOSSIER" list "$CORPUS" --query kushner 2>/dev/null | tail -1)"
fi

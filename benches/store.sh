#!/bin/sh
# Whole-process figures for the store: `dossier entities --json` on a corpus
# with an empty cache (cold: every name recognised, then stored) and again
# with the cache it left (warm), the two outputs compared byte for byte;
# then, on a private hard-linked copy of the corpus folder, a warm run after
# one file was edited (that file alone is recognised again).
#
#   cargo build --release
#   sh benches/store.sh [runs] [corpus]      # default: ../shared/corpora/reuters21578
#
# The cache and the reader's state go to a folder under /tmp made for the
# run; the user's own are never touched. Wall time and peak resident memory
# come from `/usr/bin/time -v`; medians of the runs are printed.
set -eu

RUNS=${1:-3}
SHARED=${SHARED:-$(dirname "$0")/../../shared}
CORPUS=${2:-$SHARED/corpora/reuters21578}
DOSSIER=${DOSSIER:-$(dirname "$0")/../target/release/dossier}
WORK=$(mktemp -d /tmp/dossier-store-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ ! -e "$CORPUS" ]; then
    echo "note: $CORPUS absent; skipped"
    exit 0
fi

# One timed run: prints wall seconds and peak KB.
timed() {
    /usr/bin/time -v "$@" >"$WORK/out" 2>"$WORK/time" || { cat "$WORK/time"; exit 1; }
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time")
    echo "$wall $rss"
}

report() {
    sort -n "$WORK/$1" | awk -v label="$2" '{ t[NR] = $1; if ($2 > peak) peak = $2 }
        END { printf "%-34s median %8.3f s  min %8.3f s  max %8.3f s  peak %6.0f MB  (%d runs)\n",
              label, t[int((NR + 1) / 2)], t[1], t[NR], peak / 1024, NR }'
}

env_for() {
    echo "XDG_CACHE_HOME=$WORK/$1/cache XDG_DATA_HOME=$WORK/$1/data"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $CORPUS"
: >"$WORK/cold"
: >"$WORK/warm"
i=0
while [ "$i" -lt "$RUNS" ]; do
    rm -rf "$WORK/home"
    timed env $(env_for home) "$DOSSIER" entities "$CORPUS" --json >>"$WORK/cold"
    cp "$WORK/out" "$WORK/cold.json"
    timed env $(env_for home) "$DOSSIER" entities "$CORPUS" --json >>"$WORK/warm"
    cmp -s "$WORK/out" "$WORK/cold.json" || { echo "warm output differs from cold"; exit 1; }
    i=$((i + 1))
done
report cold "entities, cold (empty cache)"
report warm "entities, warm"
echo "warm output identical to cold: yes"

if [ -d "$CORPUS" ]; then
    cp -al "$CORPUS" "$WORK/copy"
    env $(env_for edit) "$DOSSIER" entities "$WORK/copy" --json >/dev/null 2>&1
    : >"$WORK/edited"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        # A new file in place of one of the copies (never writing through the
        # hard link to the original).
        first=$(find "$WORK/copy" -type f \( -name '*.txt' -o -name '*.json' \) | sort | head -1)
        # One word of one article changes; the file stays valid text or JSON.
        sed "0,/ the /s// th$i /" "$first" >"$WORK/edit.tmp"
        rm "$first"
        mv "$WORK/edit.tmp" "$first"
        timed env $(env_for edit) "$DOSSIER" entities "$WORK/copy" --json >>"$WORK/edited"
        i=$((i + 1))
    done
    report edited "entities, warm, one file edited"
fi

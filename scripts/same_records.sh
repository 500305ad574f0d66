#!/usr/bin/env bash
# Are the Analysis records of this working tree byte-identical to those of BASE_REF?
#
#   scripts/same_records.sh BASE_REF
#
# Analyses three inputs with both versions, one process each (--workers 1): the bundled
# demo corpus, the texts of ../shared/data/news/dev.jsonl (id, url, published, text only:
# the gold annotations stay out) and the PolNeAR development texts. Records are compared
# after dropping the provenance fields that name the code's version and configuration
# hash (they change with any restructuring); everything else must match byte for byte.
# Prints one line per input and exits 1 on any difference, keeping the diff.
set -euo pipefail
base=${1:?usage: scripts/same_records.sh BASE_REF}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${NEWSGRAPH_SHARED:-$root/../shared}
python=${PYTHON:-$root/.venv/bin/python}
work=$(mktemp -d "${TMPDIR:-/tmp}/same-records-XXXXXX")
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true' EXIT

git -C "$root" worktree add --detach --quiet "$work/base" "$base"

# The news pages' texts without their annotations.
inputs=("demo:$root/newsgraph/demo/corpus")
if [ -f "$shared/data/news/dev.jsonl" ]; then
    "$python" - "$shared/data/news/dev.jsonl" "$work/news.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        page = json.loads(line)
        out.write(json.dumps({k: page.get(k) for k in ("id", "url", "published", "text")}) + "\n")
EOF
    inputs+=("news-dev:$work/news.jsonl")
else
    echo "same-records: $shared/data/news/dev.jsonl is absent; skipped" >&2
fi
if [ -d "$shared/data/quotes/polnear/dev/text" ]; then
    inputs+=("polnear-dev:$shared/data/quotes/polnear/dev/text")
else
    echo "same-records: PolNeAR dev texts are absent; skipped" >&2
fi

records() {  # records TREE NAME PATH -> a normalised JSONL file
    local tree=$1 name=$2 path=$3 out="$work/$name.$(basename "$1").jsonl"
    (cd "$work" && PYTHONPATH="$tree" "$python" -m newsgraph.cli analyze "$path" --workers 1) \
        2>"$out.stderr" | "$python" -c '
import json, sys
for line in sys.stdin:
    record = json.loads(line)
    for key in ("newsgraph", "config_hash"):
        record.get("provenance", {}).pop(key, None)
    sys.stdout.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
' >"$out"
    echo "$out"
}

status=0
for entry in "${inputs[@]}"; do
    name=${entry%%:*} path=${entry#*:}
    before=$(records "$work/base" "$name" "$path")
    after=$(records "$root" "$name" "$path")
    count=$(wc -l <"$after")
    if cmp -s "$before" "$after"; then
        echo "same-records: $name: $count records identical ($(sha256sum <"$after" | cut -c1-16))"
    else
        status=1
        diff "$before" "$after" >"$work/$name.diff" || true
        echo "same-records: $name: DIFFERENT ($count records now, $(wc -l <"$before") before);" \
            "diff in $work/$name.diff"
    fi
done
exit $status

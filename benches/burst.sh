#!/usr/bin/env bash
# A whole query typed at once into the search pane or the library filter, as keys pile up
# while the app is busy: the time from sending it (tmux send-keys -l) to the screen naming it
# (the search pane's header, the filter's status line), polled every 5 ms.
#
#   benches/burst.sh DATA_DIR search|filter "QUERY" [SALVE_BINARY]
#
# DATA_DIR is a salve data folder (SALVE_DATA_DIR), e.g. the 100,000-article one that
# `benches/first_frame.py library --keep` leaves. The search pane's remembered query is removed
# first, so the query typed is the whole query. Needs tmux and python3.
set -euo pipefail
data=$1 pane=$2 query=$3
bin=${4:-$(dirname "$0")/../target/release/salve}
python3 - "$data/salve.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM settings WHERE key = 'search.last'")
db.commit()
PY
s=burst$$
tmux new-session -d -s "$s" -x 120 -y 40 "SALVE_DATA_DIR='$data' '$bin'"
trap 'tmux kill-session -t "$s" 2>/dev/null || true' EXIT
sleep 3.5 # the start and the walk settle
if [ "$pane" = search ]; then key=s; want="results for '$query'"; line=1; else key=/; want="filter: $query"; line=40; fi
tmux send-keys -t "$s" "$key"
sleep 0.5
t0=$(date +%s%N)
tmux send-keys -t "$s" -l "$query"
for _ in $(seq 4000); do
  tmux capture-pane -p -t "$s" | sed -n "${line}p" | grep -qF "$want" && break
  sleep 0.005
done
t1=$(date +%s%N)
echo "$pane '$query': $(( (t1 - t0) / 1000000 )) ms"

#!/usr/bin/env bash
# The README's pictures, from a real terminal session: the explorer runs in
# tmux on the fixture images (test/fixtures/build.sh, test/layers/fixtures.sh),
# each screen is read with `tmux capture-pane -e` (its colours), Debian's aha
# turns it into HTML and headless Chromium into a PNG; then asciinema records
# a short session driven through tmux. Rerun it after the UI changes:
#
#   bash scripts/screenshot.sh            (writes docs/*.png and docs/imgscope.cast)
#
# Needs tmux, aha, chromium and asciinema (apt-get install tmux aha chromium asciinema).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
docs="$root/docs"
bin="${IMGSCOPE_BIN:-$root/bin/imgscope}"
cols=110 rows=32
work=$(mktemp -d /tmp/imgscope-screenshot-XXXXXX)
server="imgscope-screenshot-$$"
cleanup() {
	tmux -L "$server" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
for tool in tmux aha chromium asciinema; do command -v "$tool" >/dev/null || { echo "screenshot: $tool is missing (apt-get install $tool)" >&2; exit 1; }; done
mkdir -p "$docs"

# The session: a fresh state directory, so that no template history of the machine shows.
launch() { # COMMAND...
	tmux -L "$server" kill-server 2>/dev/null || true
	tmux -L "$server" new-session -d -s main -x "$cols" -y "$rows" \
		"env -u CI -u NO_COLOR TERM=xterm-256color COLORTERM=truecolor XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache $*; sleep 30"
}
screen() { tmux -L "$server" capture-pane -p -t main; }
wait_for() { # TEXT
	for _ in $(seq 200); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
	echo "screenshot: \"$1\" never showed; the screen:" >&2
	screen >&2
	exit 1
}
keys() { tmux -L "$server" send-keys -t main "$@"; sleep 0.4; }

# capture-pane -e, to HTML (aha), to PNG (Chromium), as the terminal showed it.
shoot() { # NAME
	tmux -L "$server" capture-pane -e -p -t main >"$work/$1.ans"
	{
		printf '<!doctype html><meta charset="utf-8"><style>'
		printf 'html,body{margin:0;background:#1d1f21}pre{margin:0;padding:12px 14px;color:#d0d0d0;font:15px/1.25 "DejaVu Sans Mono",monospace}</style><pre>'
		# tmux writes the selected row as inverse then default colours (\e[0;7m\e[39m\e[49m), which a terminal
		# shows reversed but aha takes as a reset; and aha's colour names are a light-background palette.
		sed 's/\x1b\[0;7m\x1b\[39m\x1b\[49m/\x1b[0;7m/g' "$work/$1.ans" | aha --black --no-header |
			sed -e 's/color:blue;/color:#729fcf;/g' -e 's/color:teal;/color:#34e2e2;/g' -e 's/color:olive;/color:#e9b96e;/g' \
				-e 's/color:green;/color:#8ae234;/g' -e 's/color:red;/color:#ef2929;/g' -e 's/color:purple;/color:#ad7fa8;/g'
		printf '</pre>'
	} >"$work/$1.html"
	# 9.03 px a cell at 15 px DejaVu Sans Mono, 18.75 px a line, and the padding.
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/chromium" \
		--window-size="$((cols * 903 / 100 + 28)),$((rows * 1875 / 100 + 24))" --screenshot="$docs/$1.png" "file://$work/$1.html" 2>/dev/null
	[ -s "$docs/$1.png" ] || { echo "screenshot: chromium wrote no $1.png" >&2; exit 1; }
	echo "docs/$1.png"
}

# 1. The image list.
launch "$bin"
wait_for 'REPOSITORY'
wait_for 'fixture/app'
sleep 3 # the LAYERS column fills in
shoot screenshot-list
# 2. An image's layers: filter, open, the third layer.
keys / ; tmux -L "$server" send-keys -t main -l 'test-layers/waste'; sleep 0.4; keys Enter; keys Enter
wait_for 'DIFF ID'
keys j; keys j; keys j
shoot screenshot-layers
# 3. Its Files tab on that layer, with the changes marked.
keys Tab; keys Tab; keys Tab
wait_for 'layer'
sleep 2
shoot screenshot-files
keys q

# The recording: asciinema in tmux, keys sent at a person's pace.
rm -f "$docs/imgscope.cast"
launch asciinema rec --quiet --idle-time-limit 1.5 --command "'$bin'" "$work/imgscope.cast"
wait_for 'REPOSITORY'
sleep 1.5
for key in j j j k k; do keys "$key"; sleep 0.3; done
keys s; sleep 1; keys s; sleep 1; keys s; sleep 1
keys / ; for ch in t e s t - l a y e r s / w; do tmux -L "$server" send-keys -t main -l "$ch"; sleep 0.12; done; sleep 0.6
keys Enter; sleep 0.5; keys Enter
wait_for 'DIFF ID'
sleep 1
for key in j j j; do keys "$key"; sleep 0.5; done
keys Tab; sleep 1.2; keys Tab; sleep 1.2; keys Tab
wait_for 'layer'
sleep 2
for key in j j j; do keys "$key"; sleep 0.4; done
keys w; sleep 2; keys Escape; sleep 0.8
keys Escape; sleep 0.6; keys Escape; sleep 1
keys f; sleep 0.8
for ch in '{' '{' . C o n f i g . C m d '}' '}'; do tmux -L "$server" send-keys -t main -l "$ch"; sleep 0.15; done
sleep 1.5; keys Escape; sleep 0.8
keys q
for _ in $(seq 50); do [ -s "$work/imgscope.cast" ] && ! pgrep -f "asciinema rec.*$work" >/dev/null && break; sleep 0.2; done
cp "$work/imgscope.cast" "$docs/imgscope.cast"
echo "docs/imgscope.cast ($(wc -l <"$docs/imgscope.cast") events)"

#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, the tarball installed into an
# empty prefix with an empty npm cache and --offline (so it needs nothing
# from any registry at install or run time), then the installed `imgscope`
# run on the machine's node and on node 22 and 24 (the LTS lines, from the
# npm registry through npx): --version, ls, a piped inspect --format and an
# ssh:// engine against the docker CLI's bytes, the explorer's first frame
# and `imgscope IMAGE` in tmux, the code cache's place, the manual page, a
# completion script. Prints the package's figures (size, files, install
# time, start-up against `node -e 0`). Any failure ends it with status 1.
#
#   bash test/package/smoke.sh                 (needs the engine and test/fixtures/build.sh's images)
#   SMOKE_NODES="20" bash test/package/smoke.sh   (only the machine's node; "22 24" the others)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
trap 'echo "smoke: FAIL (line $LINENO: $BASH_COMMAND)" >&2' ERR
fail() {
	echo "smoke: FAIL: $*" >&2
	exit 1
}
expect_same() { # WHAT ACTUAL EXPECTED
	[ "$2" = "$3" ] || fail "$1 differs from docker's:
--- imgscope
$2
--- docker
$3"
}

# --- the checks, run with the node under test first on PATH ------------------
if [ "${1-}" = --checks ]; then
	work=$2
	version=$(node -p "require('$root/package.json').version")
	export PATH="$work/prefix/bin:$PATH"
	export HOME="$work/home-$(node --version)"
	unset XDG_CACHE_HOME CI
	mkdir -p "$HOME"
	echo "== node $(node --version): $(command -v node)"
	[ "$(command -v imgscope)" = "$work/prefix/bin/imgscope" ] || fail "imgscope on PATH is $(command -v imgscope)"

	[ "$(imgscope --version)" = "imgscope $version" ] || fail "--version printed $(imgscope --version)"
	format='{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}'
	expect_same 'ls' "$(imgscope ls --format "$format" fixture/app)" "$(docker image ls --format "$format" fixture/app)"
	[ -n "$(imgscope ls --format "$format" fixture/app)" ] || fail 'ls listed no fixture/app (run test/fixtures/build.sh)'
	template='{{json .RootFS.Layers}} {{.Id}} {{.Config.Cmd}}'
	expect_same 'a piped inspect --format' "$(imgscope inspect --format "$template" fixture/app:1 | cat)" "$(docker image inspect --format "$template" fixture/app:1 | cat)"

	# ssh:// loads dist/remote.cjs (ssh2, bundled, without its native parts).
	rm -f "$work/ssh-port"
	node "$root/test/package/ssh-relay.mjs" >"$work/ssh-port" &
	relay=$!
	for _ in $(seq 100); do [ -s "$work/ssh-port" ] && break; sleep 0.1; done
	port=$(cat "$work/ssh-port")
	ssh_ls=$(imgscope -H "ssh://smoke@127.0.0.1:$port" ls --format "$format" fixture/app) || { kill "$relay"; fail 'ls over ssh:// failed'; }
	kill "$relay"
	expect_same 'ls over ssh://' "$ssh_ls" "$(docker image ls --format "$format" fixture/app)"

	# The explorer in a real terminal: its first frame, then q; and `imgscope IMAGE`, Esc to the list.
	server=''
	sessions=0
	screen() { tmux -L "$server" capture-pane -p -t main; }
	wait_for() { # TEXT WHAT
		for _ in $(seq 150); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
		tmux -L "$server" kill-server 2>/dev/null || true
		fail "$2: no \"$1\" on the screen:
$(screen 2>/dev/null)"
	}
	# A tmux server of its own for each (a server just killed may still be going away).
	tui() {
		sessions=$((sessions + 1))
		server="imgscope-smoke-$$-$sessions"
		tmux -L "$server" new-session -d -s main -x 100 -y 30 "env TERM=xterm-256color $*; echo \"[exit \$?]\"; sleep 60"
	}
	tui imgscope
	wait_for 'REPOSITORY' 'the first frame'
	wait_for 'fixture/app' 'the first frame'
	tmux -L "$server" send-keys -t main q
	wait_for '[exit 0]' 'q'
	tmux -L "$server" kill-server
	tui imgscope fixture/app:1
	wait_for 'DIFF ID' 'imgscope IMAGE'
	screen | head -1 | grep -qF 'fixture/app:1' || fail "imgscope IMAGE: the title is not the image's: $(screen | head -1)"
	tmux -L "$server" send-keys -t main Escape
	wait_for 'REPOSITORY' 'Esc from imgscope IMAGE'
	tmux -L "$server" send-keys -t main q
	wait_for '[exit 0]' 'q'
	tmux -L "$server" kill-server

	# State where it belongs: the code cache in ~/.cache/imgscope, nothing written into the install.
	ls "$HOME/.cache/imgscope/"imgscope-*.v8 >/dev/null 2>&1 || fail "no code cache in $HOME/.cache/imgscope"
	[ -z "$(find "$work/prefix/lib/node_modules/imgscope" -newer "$work/installed" -print -quit)" ] || fail "the install was written to: $(find "$work/prefix/lib/node_modules/imgscope" -newer "$work/installed" | head -3)"
	imgscope completion bash | bash -n || fail 'the bash completion script does not parse'
	if command -v zsh >/dev/null; then imgscope completion zsh | zsh -n || fail 'the zsh completion script does not parse'; fi
	imgscope --help | grep -q '^  completion ' || fail '--help lists no completion command'
	echo "   start-up from the installed package:"
	node "$root/test/package/startup.mjs" "${SMOKE_RUNS:-11}" "$work/prefix/bin/imgscope"
	echo "   all checks passed on node $(node --version)"
	exit 0
fi

# --- pack and install once ---------------------------------------------------
work=$(mktemp -d /tmp/imgscope-smoke-XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
cd "$root"
echo "== npm pack (prepack builds)"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -1)"
[ -f "$tarball" ] || fail "npm pack made no tarball"
files=$(tar -tzf "$tarball" | sort)
for want in package/bin/imgscope package/dist/imgscope.cjs package/dist/ui.cjs package/dist/remote.cjs package/dist/imgscope.1 package/README.md package/LICENSE package/CHANGELOG.md; do
	grep -qx "$want" <<<"$files" || fail "the tarball has no $want"
done
if grep -q -e '^package/source/' -e '^package/test/' -e '\.map$' <<<"$files"; then fail "the tarball ships sources, tests or maps: $(grep -e source/ -e test/ -e '\.map$' <<<"$files" | head -3)"; fi
node -e "const p = require('$root/package.json'); if (Object.keys(p.dependencies ?? {}).length) { console.error('runtime dependencies:', p.dependencies); process.exit(1); }" || fail 'the package has runtime dependencies (the bundles hold them)'

echo "== npm install -g into an empty prefix, empty cache, --offline"
start=$(date +%s%N)
npm install -g --prefix "$work/prefix" --cache "$work/npm-cache" --offline --no-audit --no-fund --loglevel=error "$tarball" >/dev/null || fail 'the offline install failed'
install_ms=$(( ($(date +%s%N) - start) / 1000000 ))
touch "$work/installed"
[ -x "$work/prefix/bin/imgscope" ] || fail 'no bin/imgscope in the prefix'
[ ! -e "$work/prefix/lib/node_modules/imgscope/node_modules" ] || fail 'the install brought node_modules'
[ -e "$work/prefix/share/man/man1/imgscope.1" ] || fail 'npm did not install the manual page'
man -l "$work/prefix/share/man/man1/imgscope.1" 2>/dev/null | grep -q 'imgscope completion' || fail 'the manual page does not render with man'

echo "   tarball: $(stat -c %s "$tarball") bytes, $(wc -l <<<"$files") files"
echo "   installed: $(du -sb "$work/prefix/lib/node_modules/imgscope" | cut -f1) bytes in $(find "$work/prefix/lib/node_modules/imgscope" -type f | wc -l) files; npm install took ${install_ms} ms"

for node_version in ${SMOKE_NODES:-20 22 24}; do
	if [ "$node_version" = "$(node -p 'process.versions.node.split(".")[0]')" ]; then
		bash "$0" --checks "$work"
	else
		npx -y -p "node@$node_version" bash "$0" --checks "$work"
	fi
done
echo "smoke: all passed"

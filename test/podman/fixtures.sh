#!/usr/bin/env bash
# Podman's Docker-compatible API as a second engine (issue 2: "Podman's socket
# works the same way"). Starts `podman system service` on /tmp/imgscope-podman.sock
# and imports the busybox base there. Does nothing when podman is not installed
# (the podman tests then fail under IMGSCOPE_REQUIRE_PODMAN=1, which .ci/run sets).
set -euo pipefail
command -v podman >/dev/null || exit 0
sock=/tmp/imgscope-podman.sock
if ! curl -fs --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; then
	setsid podman system service --time=0 "unix://$sock" >/tmp/imgscope-podman.log 2>&1 </dev/null &
	for _ in $(seq 40); do curl -fs --unix-socket "$sock" http://d/_ping >/dev/null 2>&1 && break; sleep 0.25; done
fi
if ! podman image exists localhost/fixture/base:1; then
	r=$(mktemp -d)
	mkdir -p "$r/bin"
	cp "$(command -v busybox)" "$r/bin/"
	for c in sh ls echo cat; do ln -s busybox "$r/bin/$c"; done
	tar -C "$r" -c . | podman import -q -m 'busybox base on podman' - localhost/fixture/base:1 >/dev/null
	rm -rf "$r"
fi

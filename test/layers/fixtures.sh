#!/usr/bin/env bash
# Builds the images the layer-model tests read (names under test-layers/).
# Idempotent: an image that exists is kept. Nothing can be pulled here, so
# the base is Debian's static busybox. `--big` also builds the benchmark
# image (about 200 MB in about 41,000 files).
set -euo pipefail
export DOCKER_BUILDKIT=0
here=$(cd "$(dirname "$0")" && pwd)
have() { docker image inspect "$1" >/dev/null 2>&1; }

if ! have test-layers/base:1; then
	r=$(mktemp -d)
	mkdir -p "$r/bin" "$r/tmp"
	cp "$(command -v busybox)" "$r/bin/"
	for c in sh ls echo cat mkdir rm dd chmod ln printf true head split; do ln -s busybox "$r/bin/$c"; done
	tar -C "$r" -c . | docker import -m 'busybox base for imgscope layer tests' - test-layers/base:1 >/dev/null
	rm -rf "$r"
fi

have test-layers/waste:1 || docker build -q --network=none -t test-layers/waste:1 "$here/fixtures/waste" >/dev/null

if [ "${1:-}" = "--big" ] && ! have test-layers/big:1; then
	c=$(mktemp -d)
	# 40 directories of 1,000 random 4 KiB files, and a 40 MiB file: random so nothing is smaller than it looks.
	for i in $(seq -w 1 40); do
		mkdir -p "$c/data/d$i"
		head -c 4096000 /dev/urandom | (cd "$c/data/d$i" && split -b 4096 -a 3 - f)
	done
	head -c 41943040 /dev/urandom >"$c/data/blob.bin"
	printf 'FROM test-layers/base:1\nCOPY data /data\nRUN rm -rf /data/d01 /data/blob.bin && mkdir -p /data/d01 && printf x > /data/d01/new\n' >"$c/Dockerfile"
	docker build -q --network=none -t test-layers/big:1 "$c" >/dev/null
	rm -rf "$c"
fi
echo "test-layers fixtures ready"

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

# `--real` (the bench's real-world images, not CI's: minutes and about 3 GB). Each build says its time and size.
if [ "${1:-}" = "--real" ]; then
	stamp() { echo "$1: $(( $(date +%s) - $2 )) s, $(docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1/1e6}')"; }
	if ! have imgscope-real/debian:bookworm; then
		t=$(date +%s)
		command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
		r=$(mktemp -d /tmp/imgscope-real-rootfs.XXXXXX)
		debootstrap --variant=minbase bookworm "$r" http://deb.debian.org/debian >/dev/null
		tar -C "$r" -c . | docker import -m 'debootstrap --variant=minbase bookworm' - imgscope-real/debian:bookworm >/dev/null
		rm -rf "$r"
		stamp imgscope-real/debian:bookworm "$t"
	fi
	# A runtime from Debian, a real npm dependency tree, then a layer removing part of it
	# (the host network: the engine here has no bridge).
	if ! have imgscope-real/node:1; then
		t=$(date +%s)
		c=$(mktemp -d /tmp/imgscope-real-node.XXXXXX)
		cp "$here/fixtures/real-node/Dockerfile" "$c/"
		cp "${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}" "$c/host-ca.crt"
		docker build -q --network=host --label imgscope.test=scale -t imgscope-real/node:1 "$c" >/dev/null
		rm -rf "$c"
		stamp imgscope-real/node:1 "$t"
	fi
	# The same image with one more small layer: shares all but its last layer.
	if ! have imgscope-real/node:2; then
		t=$(date +%s)
		printf 'FROM imgscope-real/node:1\nRUN echo two > /app/VERSION\n' | docker build -q --network=none --label imgscope.test=scale -t imgscope-real/node:2 - >/dev/null
		stamp imgscope-real/node:2 "$t"
	fi
	# One ~2 GB layer of ~300,000 files, generated as a tar and imported (no build step writes them).
	if ! have imgscope-real/huge:1; then
		t=$(date +%s)
		python3 "$here/fixtures/huge-layer.py" | docker import -m 'one layer of 300,000 files, about 2 GB' - imgscope-real/huge:1 >/dev/null
		stamp imgscope-real/huge:1 "$t"
	fi
	# 120 layers on fixture/base:1 (one RUN each).
	if ! have imgscope-real/layers120:1; then
		t=$(date +%s)
		c=$(mktemp -d /tmp/imgscope-real-120.XXXXXX)
		{ echo 'FROM fixture/base:1'; for i in $(seq 1 120); do echo "RUN echo $i > /step$i"; done; } >"$c/Dockerfile"
		docker build -q --network=none --label imgscope.test=scale -t imgscope-real/layers120:1 "$c" >/dev/null
		rm -rf "$c"
		stamp imgscope-real/layers120:1 "$t"
	fi
fi
echo "test-layers fixtures ready"

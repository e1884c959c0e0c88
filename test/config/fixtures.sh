#!/usr/bin/env bash
# The image the terminal tests read: files whose names hold an emoji with
# VS16 (☁️), a flag (🇩🇪) and a wide character (中), so the Files tab's size
# column shows whether the layout measures them as the terminal draws them.
# FROM scratch: nothing to pull, no other fixture needed. Idempotent.
set -euo pipefail
export DOCKER_BUILDKIT=0
image=imgscope-test/config-emoji:1
docker image inspect "$image" >/dev/null 2>&1 && { echo "config fixtures ready"; exit 0; }
c=$(mktemp -d)
mkdir -p "$c/w"
head -c 1000 /dev/zero >"$c/w/plain.txt"
head -c 2000 /dev/zero >"$c/w/cloud-$(printf '\xe2\x98\x81\xef\xb8\x8f').txt"
head -c 3000 /dev/zero >"$c/w/flag-$(printf '\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa').txt"
head -c 4000 /dev/zero >"$c/w/wide-$(printf '\xe4\xb8\xad').txt"
printf 'FROM scratch\nLABEL imgscope.test=config\nLABEL flag="\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa" cloud="\xe2\x98\x81\xef\xb8\x8f"\nCOPY w /w\n' >"$c/Dockerfile"
docker build -q --network=none -t "$image" "$c" >/dev/null
rm -rf "$c"
echo "config fixtures ready"

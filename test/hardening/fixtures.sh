#!/usr/bin/env bash
# Extra hostile fixture images for test/hardening (issue 7), on top of
# test/fixtures/build.sh (which makes fixture/base:1 and fixture/hostile:1).
# Idempotent: an image that exists is kept. Nothing is pulled.
#
# hostile/commit:1   a committed container whose commit message (history
#                    COMMENT), author, ENV and labels carry escape sequences,
#                    a newline, a C1 CSI (U+009B), bidi isolates and a NEL.
# hostile/tabs:1     a RUN step with a real TAB and a DEL in its command.
# hostile/arch:1     fixture/base:1 re-loaded with an OSC title in its config's
#                    architecture and a clear-screen in its variant (docker
#                    load accepts both; the explorer shows the platform).
set -euo pipefail
export DOCKER_BUILDKIT=0
have() { docker image inspect "$1" >/dev/null 2>&1; }

if ! have fixture/base:1; then
	echo "fixture/base:1 is missing: run test/fixtures/build.sh first" >&2
	exit 1
fi

esc=$'\033'; bel=$'\007'; csi1=$'\u009b'; nel=$'\u0085'; lri=$'\u2066'; pdi=$'\u2069'; rlo=$'\u202e'

if ! have hostile/commit:1; then
	name="imgscope-hostile-commit-$$"
	docker rm -f "$name" >/dev/null 2>&1 || true
	docker run --name "$name" --network none fixture/base:1 sh -c 'echo x > /committed' >/dev/null
	docker commit \
		-m "${esc}]0;comment-pwned${bel}${esc}[2Jfirst line
second line ${csi1}31mc1-red ${nel}nel ${lri}iso${pdi}" \
		-a "${esc}]2;author-pwned${bel}" \
		-c "ENV HOSTILE_ENV=${esc}[31menv-red${esc}[0m" \
		-c "LABEL ${esc}[1mkey=${rlo}value" \
		"$name" hostile/commit:1 >/dev/null
	docker rm "$name" >/dev/null
fi

if ! have hostile/tabs:1; then
	d=$(mktemp -d)
	tab=$'\t'; del=$'\177'
	{
		echo 'FROM fixture/base:1'
		printf 'RUN echo "a%sb%sc" > /tabbed\n' "$tab" "$del"
	} >"$d/Dockerfile"
	docker build -q --network none -t hostile/tabs:1 "$d" >/dev/null
	rm -rf "$d"
fi
if ! have hostile/arch:1; then
	d=$(mktemp -d)
	docker save fixture/base:1 | tar -x -C "$d"
	node --input-type=module - "$d" <<'JS'
import {createHash} from 'node:crypto';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
const dir = process.argv[2];
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const config = JSON.parse(readFileSync(path.join(dir, manifest[0].Config), 'utf8'));
config.architecture = '\x1b]0;arch-pwned\x07';
config.variant = '\x1b[2J';
const bytes = Buffer.from(JSON.stringify(config));
const name = `${createHash('sha256').update(bytes).digest('hex')}.json`;
rmSync(path.join(dir, manifest[0].Config));
writeFileSync(path.join(dir, name), bytes);
manifest[0].Config = name;
manifest[0].RepoTags = ['hostile/arch:1'];
writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
rmSync(path.join(dir, 'repositories'), {force: true});
JS
	tar -C "$d" -c . | docker load -q >/dev/null
	rm -rf "$d"
fi
echo "hostile fixtures ready"

#!/usr/bin/env bash
# Registry fixtures (issue 14), idempotent. Pushes to the plain registry on
# 127.0.0.1:5000 (repositories under registry-test/, so nobody else's pushes
# collide): the fixture images, a multi-platform index (podman's manifest
# commands), an OCI image and a zstd-compressed one (podman). Then starts two
# more registries: TLS with a self-signed CA and htpasswd basic auth on
# 127.0.0.1:5443, bearer tokens on 127.0.0.1:5444 (issuer: test/helpers/
# token-issuer.mjs on 127.0.0.1:5445), each holding registry-test/app:1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plain=127.0.0.1:5000
state=/tmp/imgscope-registry-test
mkdir -p "$state"
need=()
command -v skopeo >/dev/null || need+=(skopeo)
command -v buildah >/dev/null || need+=(buildah)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
have_tag() { curl -fs -o /dev/null -H 'Accept: application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' "http://$plain/v2/$1/manifests/$2"; }

push_docker() { # local image, remote repo:tag
	have_tag "${2%:*}" "${2##*:}" && return 0
	docker image inspect "$1" >/dev/null 2>&1 || { echo "registry fixtures: $1 is not built (test/fixtures/build.sh, test/layers/fixtures.sh)" >&2; return 1; }
	docker tag "$1" "$plain/$2"
	docker push -q "$plain/$2" >/dev/null
	docker rmi "$plain/$2" >/dev/null
}
push_docker fixture/app:1 registry-test/app:1
push_docker fixture/base:1 registry-test/base:1
push_docker test-layers/waste:1 registry-test/waste:1
# More tags for paging (`Link` headers with n=2).
for t in 2 3 4 5; do push_docker fixture/base:1 "registry-test/base:$t"; done

copy() { skopeo copy -q --src-tls-verify=false --dest-tls-verify=false "$@"; }
# An OCI image (OCI media types for the manifest, the config and gzip layers).
have_tag registry-test/oci 1 || copy --format oci "docker://$plain/registry-test/app:1" "docker://$plain/registry-test/oci:1"
# zstd layers.
# zstd layers: skopeo reuses the registry's gzip blobs when copying registry to registry, so through a dir.
if ! have_tag registry-test/zstd 1; then
	rm -rf "$state/zdir"
	skopeo copy -q --src-tls-verify=false --format oci --dest-compress --dest-compress-format zstd "docker://$plain/registry-test/app:1" "dir:$state/zdir"
	copy "dir:$state/zdir" "docker://$plain/registry-test/zstd:1"
	rm -rf "$state/zdir"
fi
if command -v podman >/dev/null && ! have_tag registry-test/multi 1; then
	# A multi-platform index: fixture/app as linux/amd64 and fixture/base annotated as linux/arm64/v8.
	p="podman --root $state/podman-root --runroot $state/podman-run --storage-driver vfs"
	$p manifest rm registry-test-multi >/dev/null 2>&1 || true
	$p manifest create registry-test-multi >/dev/null
	$p manifest add --tls-verify=false registry-test-multi "docker://$plain/registry-test/app:1" >/dev/null
	$p manifest add --tls-verify=false --arch arm64 --variant v8 --os linux registry-test-multi "docker://$plain/registry-test/base:1" >/dev/null
	$p manifest push -q --all --tls-verify=false registry-test-multi "docker://$plain/registry-test/multi:1" >/dev/null
	$p manifest rm registry-test-multi >/dev/null 2>&1 || true
fi
# An OCI image built by buildah (its history has empty_layer steps, and it was never built by
# this engine, so a pull gives docker's own view of a foreign image).
if command -v buildah >/dev/null && ! have_tag registry-test/buildah 1; then
	b="buildah --root $state/podman-root --runroot $state/podman-run --storage-driver vfs"
	ctx=$(mktemp -d)
	printf 'FROM %s/registry-test/base:1\nLABEL built.by=buildah\nRUN mkdir -p /data && echo hello > /data/a.txt\nENV X=1\nRUN dd if=/dev/zero of=/data/big bs=1024 count=300 2>/dev/null && rm /data/big && echo two > /data/b.txt\n' "$plain" >"$ctx/Containerfile"
	$b bud -q --isolation chroot --tls-verify=false --format oci --layers -t localhost/registry-test/buildah:1 "$ctx" >/dev/null
	$b push -q --tls-verify=false localhost/registry-test/buildah:1 "docker://$plain/registry-test/buildah:1"
	rm -rf "$ctx"
fi
bash "$here/secure.sh"
# For npm run bench only (scripts/bench-registry.mjs): the 200 MB image, when it is built.
if [ "${1:-}" = "--big" ] && docker image inspect test-layers/big:1 >/dev/null 2>&1; then push_docker test-layers/big:1 registry-test/big:1; fi
exit 0

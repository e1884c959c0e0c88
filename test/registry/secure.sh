#!/usr/bin/env bash
# The two registries with authentication (run by fixtures.sh; idempotent):
# - 127.0.0.1:5443: TLS with a self-signed CA (trusted through
#   /etc/docker/certs.d/127.0.0.1:5443/ca.crt) and htpasswd basic auth;
# - 127.0.0.1:5446: TLS asking for a client certificate (mutual TLS; the pair in
#   /etc/docker/certs.d/127.0.0.1:5446/client.cert and client.key), no auth;
# - 127.0.0.1:5444: plain HTTP with `auth: token`, verifying RS256 JWTs from
#   test/helpers/token-issuer.mjs on 127.0.0.1:5445 (x5c header, rootcertbundle).
# Both: user regtest, password regtest-secret (the issuer also takes the identity token
# regtest-identity-token); each holds registry-test/app:1
# and registry-test/multi:1. Logins only ever go to a private DOCKER_CONFIG.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=/tmp/imgscope-registry-test/secure
user=regtest pass=regtest-secret
mkdir -p "$dir"
command -v htpasswd >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2-utils >/dev/null; }
up() { curl -s -o /dev/null --cacert "$dir/ca.crt" "$1" 2>/dev/null; }

if [ ! -f "$dir/srv.crt" ]; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=imgscope test CA' -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout "$dir/srv.key" -out "$dir/srv.csr" 2>/dev/null
	printf 'subjectAltName=IP:127.0.0.1\n' >"$dir/san.ext"
	openssl x509 -req -in "$dir/srv.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 -extfile "$dir/san.ext" -out "$dir/srv.crt" 2>/dev/null
	# The token signing key and its self-signed certificate (the registry's rootcertbundle).
	openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=imgscope token signer' -keyout "$dir/token.key" -out "$dir/token.crt" 2>/dev/null
fi
# A client certificate for the mutual-TLS registry (127.0.0.1:5446), signed by the same CA.
if [ ! -f "$dir/client.cert" ]; then
	openssl req -newkey rsa:2048 -nodes -subj '/CN=imgscope test client' -keyout "$dir/client.key" -out "$dir/client.csr" 2>/dev/null
	printf 'extendedKeyUsage=clientAuth\n' >"$dir/client.ext"
	openssl x509 -req -in "$dir/client.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 -extfile "$dir/client.ext" -out "$dir/client.cert" 2>/dev/null
fi
[ -f "$dir/htpasswd" ] || htpasswd -Bbn "$user" "$pass" >"$dir/htpasswd"
for hp in 127.0.0.1:5443 127.0.0.1:5446; do
	mkdir -p "/etc/docker/certs.d/$hp"
	cmp -s "$dir/ca.crt" "/etc/docker/certs.d/$hp/ca.crt" || cp "$dir/ca.crt" "/etc/docker/certs.d/$hp/ca.crt"
done
# docker's layout for a client pair: NAME.cert with NAME.key.
cmp -s "$dir/client.cert" /etc/docker/certs.d/127.0.0.1:5446/client.cert || cp "$dir/client.cert" "$dir/client.key" /etc/docker/certs.d/127.0.0.1:5446/

cat >"$dir/basic.yml" <<Y
version: 0.1
storage: {filesystem: {rootdirectory: $dir/basic-data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:5443, tls: {certificate: $dir/srv.crt, key: $dir/srv.key}}
auth: {htpasswd: {realm: imgscope-basic, path: $dir/htpasswd}}
Y
cat >"$dir/token.yml" <<Y
version: 0.1
storage: {filesystem: {rootdirectory: $dir/token-data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:5444}
auth: {token: {realm: "http://127.0.0.1:5445/token", service: imgscope-registry, issuer: imgscope-test-issuer, rootcertbundle: $dir/token.crt}}
Y
cat >"$dir/mtls.yml" <<Y
version: 0.1
storage: {filesystem: {rootdirectory: $dir/mtls-data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:5446, tls: {certificate: $dir/srv.crt, key: $dir/srv.key, clientcas: [$dir/ca.crt]}}
Y
if ! curl -s -o /dev/null --cacert "$dir/ca.crt" --cert "$dir/client.cert" --key "$dir/client.key" https://127.0.0.1:5446/v2/; then
	setsid docker-registry serve "$dir/mtls.yml" >"$dir/mtls.log" 2>&1 </dev/null &
fi
if ! up https://127.0.0.1:5443/v2/; then
	setsid docker-registry serve "$dir/basic.yml" >"$dir/basic.log" 2>&1 </dev/null &
fi
# An issuer from before the identity-token flow is replaced (it answers 401 to the POST).
if curl -s -o /dev/null http://127.0.0.1:5445/count && [ "$(curl -s -o /dev/null -w '%{http_code}' -d 'grant_type=refresh_token&refresh_token=regtest-identity-token' http://127.0.0.1:5445/token)" != 200 ]; then
	[ -f "$dir/issuer.pid" ] && kill "$(cat "$dir/issuer.pid")" 2>/dev/null || true
	sleep 0.5
fi
if ! curl -s -o /dev/null http://127.0.0.1:5445/count; then
	setsid node "$here/../helpers/token-issuer.mjs" 5445 "$dir/token.key" "$dir/token.crt" "$user" "$pass" imgscope-test-issuer 300 regtest-identity-token >"$dir/issuer.log" 2>&1 </dev/null &
	echo $! >"$dir/issuer.pid"
fi
if ! curl -s -o /dev/null http://127.0.0.1:5444/v2/; then
	setsid docker-registry serve "$dir/token.yml" >"$dir/token.log" 2>&1 </dev/null &
fi
for _ in $(seq 40); do up https://127.0.0.1:5443/v2/ && curl -s -o /dev/null http://127.0.0.1:5444/v2/ && curl -s -o /dev/null http://127.0.0.1:5445/count && break; sleep 0.25; done

# The fixtures, copied from the plain registry with skopeo (which speaks both auth flows).
copy_to() { # host repo:tag [extra skopeo args]
	local host=$1 ref=$2; shift 2
	skopeo inspect --raw --creds "$user:$pass" --cert-dir "$dir/skopeo-certs" --tls-verify="$verify" "docker://$host/registry-test/$ref" >/dev/null 2>&1 && return 0
	skopeo copy -q --all --src-tls-verify=false --dest-creds "$user:$pass" --dest-cert-dir "$dir/skopeo-certs" --dest-tls-verify="$verify" "docker://127.0.0.1:5000/registry-test/$ref" "docker://$host/registry-test/$ref"
}
mkdir -p "$dir/skopeo-certs" && cp "$dir/ca.crt" "$dir/client.cert" "$dir/client.key" "$dir/skopeo-certs/"
verify=true
for r in app:1 multi:1; do copy_to 127.0.0.1:5443 "$r"; done
copy_to 127.0.0.1:5446 app:1
verify=false
for r in app:1 multi:1; do copy_to 127.0.0.1:5444 "$r"; done

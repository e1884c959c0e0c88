#!/usr/bin/env bash
# What test/package needs beyond .ci/run's packages: zsh and fish (the
# completion scripts run under them), man (the manual page rendered as a
# user reads it). Idempotent and quick when they are there.
set -euo pipefail
need=()
command -v zsh >/dev/null || need+=(zsh)
command -v fish >/dev/null || need+=(fish)
command -v man >/dev/null || need+=(man-db)
if [ ${#need[@]} -gt 0 ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

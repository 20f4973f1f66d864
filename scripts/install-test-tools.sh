#!/usr/bin/env bash
# Installs the Debian packages the test suite uses (scripts/apt-packages.txt): Chromium for the
# end-to-end tests, and the real tools that check generated bundles (docker-compose, nginx,
# promtool, RabbitMQ, PostgreSQL, mosquitto). Needs root (or sudo) and apt.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t pkgs < <(grep -Ev '^\s*(#|$)' scripts/apt-packages.txt | sort -u)
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Services installed here must not be started by the package scripts (no init system in CI);
# the tests start their own throwaway instances.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
echo "installed: ${pkgs[*]}"

#!/usr/bin/env bash
# Installs what the Prometheus tests need (test/unit/metrics/prometheus*.test.ts): Debian's `prometheus` package, which
# brings /usr/bin/prometheus and /usr/bin/promtool. Fails loudly when it cannot install them; never skips.
# Called by `npm test` (the `pretest` script); CI can call it directly before `npm test`.
set -euo pipefail
log() { echo "[setup-prometheus] $*" >&2; }

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  log "prometheus/promtool are missing: install Debian's prometheus package (sudo apt-get install -y prometheus) or run this as root"
  exit 1
fi
LOG="$(mktemp -t setup-prometheus.XXXXXX.log)"
log "apt-get install prometheus (output in $LOG; shown here only if it fails)"
# The package's postinst starts a system service where systemd runs; policy-rc.d is not touched: in containers there
# is no init to start it, and on a workstation the service is the package's ordinary behaviour.
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } >"$LOG" 2>&1; then
  cat "$LOG" >&2
  log "apt-get install prometheus failed (see above)"
  exit 1
fi
rm -f "$LOG"
for bin in prometheus promtool; do
  command -v "$bin" >/dev/null 2>&1 || { log "the prometheus package installed, but $bin is not on PATH"; exit 1; }
done
log "installed: $(prometheus --version 2>&1 | head -1)"

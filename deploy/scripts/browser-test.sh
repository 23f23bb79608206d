#!/usr/bin/env bash
# Runs only the viewer's browser test: Debian's headless Chromium against the service and an in-process broker.
# Leaves its screenshot in serving/service/target/viewer-e2e.png. Install the browser first with install-browser.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -pl serving/service -am verify -Dit.test=ViewerBrowserIT -Dtest=None \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
echo "Screenshot: serving/service/target/viewer-e2e.png"

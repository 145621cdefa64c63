#!/usr/bin/env bash
# Installs what the tests need (both engines, codecs, node modules), then runs every test:
# unit tests and integration tests against a private dockerd and a private Podman service
# that the tests start and stop themselves. Run as root: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --engines docker,podman --tools
echo "test.sh: $(dockerd --version); $(podman --version); $(zstd --version | head -n1)"
npm test

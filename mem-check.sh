set -euo pipefail
bash scripts/setup.sh --engines docker,podman --tools >/dev/null 2>&1
npm run build >/dev/null && npm run build:test >/dev/null
node --version; env | grep -i '^NODE' || true
cat /proc/self/status | grep -i thp || true; cat /sys/kernel/mm/transparent_hugepage/enabled
cp /work/maxrss.cjs /tmp/ 2>/dev/null || true
node -e 'process.on("exit",()=>console.log("node -e 0 maxRSS",(process.resourceUsage().maxRSS/1024).toFixed(1)))'
node scripts/run-tests.mjs dist-test/test/integration/memory.test.js 2>&1 | grep -E "peak RSS|✔|✖" | head -20
echo "--- without NODE_EXTRA_CA_CERTS"
env -u NODE_EXTRA_CA_CERTS node scripts/run-tests.mjs dist-test/test/integration/memory.test.js 2>&1 | grep -E "peak RSS|✔|✖" | head -20

#!/usr/bin/env bash
# Runs KIS's own Postman collection (domestic-stock token, approval, hashkey, order, open orders,
# daily executions, balance, cancel) against a running simulator with newman. Exit code 0 = every
# request got a KIS-shaped answer.
#   usage: run.sh real|paper BASE_URL APPKEY APPSECRET CANO [collections dir]
set -euo pipefail
env=$1 base=$2 key=$3 secret=$4 cano=$5
dir=${6:-$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd)/src/test/resources/kis-postman}
command -v newman >/dev/null || { echo "run.sh: newman not installed (npm install -g newman)" >&2; exit 127; }
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ $env == real ]]; then
  src="$dir/postman-real-v2.6.json"
  vars=(--env-var "PROD=$base" --env-var "PROD_APPKEY=$key" --env-var "PROD_APPSECRET=$secret" --env-var "CANO_REAL=$cano")
else
  src="$dir/postman-paper-v1.6.json"
  vars=(--env-var "VTS=$base" --env-var "VTS_APPKEY=$key" --env-var "VTS_APPSECRET=$secret" --env-var "CANO=$cano")
fi
node "$here/select.js" "$src" "$env" "$work/collection.json"
# an environment file, so that the scripts' pm.environment.set/get have one to work on
echo '{"name":"sim","values":[]}' > "$work/env.json"
newman run "$work/collection.json" -e "$work/env.json" "${vars[@]}" \
  --timeout-request 15000 --color off --disable-unicode --reporters cli

#!/usr/bin/env bash
# Solve a Cloudflare Turnstile challenge with curl and print the token.
# Save as solve.sh and run: TOKENSNIPED_API_KEY=sk_test_... bash solve.sh
# TOKENSNIPED_API_KEY: your key (an sk_test_ key costs nothing); TOKENSNIPED_URL overrides the API's address.
set -euo pipefail
curl -sS --fail-with-body -X POST "${TOKENSNIPED_URL:-https://api.tokensniped.example}/api/solve/turnstile" \
  -H "x-api-key: $TOKENSNIPED_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"siteKey": "1x00000000000000000000AA", "pageUrl": "https://shop.example/checkout", "timeout": 60}'
echo

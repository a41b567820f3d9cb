"""Solve a Cloudflare Turnstile challenge with requests and print the token.
TOKENSNIPED_URL: the API's address; TOKENSNIPED_API_KEY: your key (an sk_test_ key costs nothing)."""
import os
import sys

import requests

base = os.environ.get("TOKENSNIPED_URL", "https://api.tokensniped.example")
response = requests.post(
    f"{base}/api/solve/turnstile",
    headers={"x-api-key": os.environ["TOKENSNIPED_API_KEY"]},
    json={"siteKey": "1x00000000000000000000AA", "pageUrl": "https://shop.example/checkout", "timeout": 60},
    timeout=70,  # a little longer than the solve's own timeout
)
result = response.json()
if not response.ok:
    error = result["error"]
    sys.exit(f"{response.status_code} {error['code']}: {error['message']}")
print(result["solution"]["token"])

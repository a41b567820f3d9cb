// Solve a Cloudflare Turnstile challenge with fetch (Node.js 18+ or a browser) and print the token.
// TOKENSNIPED_URL: the API's address; TOKENSNIPED_API_KEY: your key (an sk_test_ key costs nothing).
const base = process.env.TOKENSNIPED_URL ?? "https://api.tokensniped.example";

const response = await fetch(`${base}/api/solve/turnstile`, {
  method: "POST",
  headers: { "x-api-key": process.env.TOKENSNIPED_API_KEY, "Content-Type": "application/json" },
  body: JSON.stringify({ siteKey: "1x00000000000000000000AA", pageUrl: "https://shop.example/checkout", timeout: 60 }),
});
const result = await response.json();
if (!response.ok) {
  // Solve failures carry {success:false, error:{code, message}}; other errors {error:{code, message}}.
  console.error(`${response.status} ${result.error.code}: ${result.error.message}`);
  process.exit(1);
}
console.log(result.solution.token);

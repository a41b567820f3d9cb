// Solve a Cloudflare Turnstile challenge with fetch and print the token. Node.js 18 or later (fetch is built in);
// save as solve.js and run: TOKENSNIPED_API_KEY=sk_test_... node solve.js
// TOKENSNIPED_API_KEY: your key (an sk_test_ key costs nothing); TOKENSNIPED_URL overrides the API's address.
// Keep keys on servers: never put one in a web page.
const base = process.env.TOKENSNIPED_URL || "https://api.tokensniped.example";

async function solve() {
  const response = await fetch(`${base}/api/solve/turnstile`, {
    method: "POST",
    headers: { "x-api-key": process.env.TOKENSNIPED_API_KEY, "Content-Type": "application/json" },
    body: JSON.stringify({ siteKey: "1x00000000000000000000AA", pageUrl: "https://shop.example/checkout", timeout: 60 }),
  });
  const result = await response.json();
  if (!response.ok) {
    // Solve failures carry {success:false, error:{code, message}}; other errors {error:{code, message}}.
    throw new Error(`${response.status} ${result.error.code}: ${result.error.message}`);
  }
  return result.solution.token;
}

solve().then(
  (token) => console.log(token),
  (error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);

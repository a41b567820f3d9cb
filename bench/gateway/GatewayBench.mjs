// Drives autocannon against one gateway: bare endpoint vs async test-mode admission, same concurrency.
// Usage: node GatewayBench.mjs <gatewayUrl> "<email> / <password>" <connections> <seconds>
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH, 'noop.js'));
const autocannon = require('autocannon');

const [gateway, login, connectionsArg, secondsArg] = process.argv.slice(2);
const [email, password] = login.split(' / ');
const connections = Number(connectionsArg);
const duration = Number(secondsArg);
// Each key allows 10,000 requests a minute (the contract's maximum): enough keys that no request is rate limited.
const KEYS = 20;

async function json(method, url, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(gateway + url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return r.json();
}

const session = await json('POST', '/api/auth/sign-in/email', { email, password });
const keys = [];
for (let i = 0; i < KEYS; i++) {
  const created = await json('POST', '/api/keys',
    { name: `bench-${Date.now()}-${i}`, mode: 'test', rateLimitRpm: 10000, rateLimitRpd: 1000000 }, session.token);
  keys.push(created.key);
}
// Keys reach the gateway through Kafka: wait until the last one is accepted.
for (const deadline = Date.now() + 30000; ;) {
  const r = await fetch(gateway + '/api/solve/turnstile', { method: 'POST', headers: { 'x-api-key': keys[KEYS - 1], 'content-type': 'application/json' }, body: '{}' });
  if (r.status === 400) break;
  if (Date.now() > deadline) throw new Error('the bench keys never reached the gateway');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const BODY = JSON.stringify({ siteKey: '1x00000000000000000000AA', pageUrl: 'https://shop.example/login' });
let next = 0;

function load(kind, overallRate) {
  const options = { url: gateway, connections, duration, timeout: 10 };
  if (overallRate) options.overallRate = overallRate;
  if (kind === 'bare') {
    options.url = gateway + '/q/health/live';
  } else {
    options.url = gateway + '/api/solve/turnstile?async=true';
    options.requests = [{
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        headers: { 'content-type': 'application/json', 'x-api-key': keys[next++ % keys.length] },
        body: BODY,
      }),
    }];
  }
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function figures(result) {
  const expected = result['2xx'];
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: expected,
    other: result.non2xx + result.errors + result.timeouts,
  };
}

function row(label, f) {
  const pad = (v, n) => String(v).padStart(n);
  console.log(`${label.padEnd(44)}${pad(f.rps.toFixed(0), 9)}${pad(f.p50.toFixed(2), 9)}${pad(f.p99.toFixed(2), 9)}${pad(f.ok, 9)}${pad(f.other, 7)}`);
}

// Warm both paths (JIT, connection pools) before measuring.
await load('bare');
await load('admission');

console.log(`gateway ${gateway}, ${connections} connections, ${duration} s per run`);
console.log(`${'run'.padEnd(44)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'2xx'.padStart(9)}${'other'.padStart(7)}`);
const bare = figures(await load('bare'));
row('baseline: bare endpoint, saturated', bare);
const admission = figures(await load('admission'));
row('async test-mode admission, saturated', admission);
const halfRate = Math.max(1, Math.floor(admission.rps / 2));
const half = figures(await load('admission', halfRate));
row(`async test-mode admission at ${halfRate} req/s`, half);
const bareHalf = figures(await load('bare', halfRate));
row(`baseline: bare endpoint at ${halfRate} req/s`, bareHalf);

const ratio = admission.rps / bare.rps;
const ratioMet = ratio >= 0.5;
const p99Met = half.p99 <= 5;
console.log(`ratio admission/bare = ${ratio.toFixed(2)} (goal >= 0.5): ${ratioMet ? 'MET' : 'NOT MET'}`);
console.log(`p99 at half saturation = ${half.p99.toFixed(2)} ms (goal <= 5 ms): ${p99Met ? 'MET' : 'NOT MET'}`);
if (admission.other + half.other > 0) {
  console.log(`warning: ${admission.other + half.other} admission requests did not answer 2xx`);
}

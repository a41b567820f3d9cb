// Runs one call of a published task-protocol client against TokenSniped, unmodified: only its host is pointed at
// the gateway. Usage: GATEWAY_URL=… CLIENT_KEY=… node clients.js <official|anticaptcha> <operation> [args…]
// Prints "RESULT <json>" last: {"ok":true,"value":…} or {"ok":false,"code":…,"message":…}.
"use strict";

const axios = require("axios");
const { AntiCaptcha, AntiCaptchaError } = require("anticaptcha");

const GATEWAY = process.env.GATEWAY_URL;
const KEY = process.env.CLIENT_KEY;
// The official client's host is written into its code; a reverse proxy would rewrite it, this interceptor does the
// same on the (shared, deduplicated) axios instance the client requires.
const OFFICIAL_HOST = "https://api.anti-captcha.com";
axios.interceptors.request.use((config) => {
  if (config.url && config.url.startsWith(OFFICIAL_HOST)) {
    config.url = GATEWAY + config.url.substring(OFFICIAL_HOST.length);
  }
  return config;
});
// How long the anticaptcha client polls: attempts and the interval between them (its own getTaskResult arguments).
const POLL_ATTEMPTS = 90;
const POLL_INTERVAL_MS = 1000;

function official() {
  const ac = require("@antiadmin/anticaptchaofficial");
  ac.setAPIKey(KEY);
  ac.shutUp();
  // Its public settings: poll every second instead of waiting 5 s, then 2 s, between attempts.
  ac.settings.firstAttemptWaitingInterval = 1;
  ac.settings.normalWaitingInterval = 1;
  return {
    turnstile: (url, siteKey) => ac.solveTurnstileProxyless(url, siteKey),
    geetest: (url, captchaId) => ac.solveGeeTestV4Proxyless(url, captchaId, "", {}),
    balance: () => ac.getBalance(),
    unsupported: (url, siteKey) => ac.solveFunCaptchaProxyless(url, siteKey),
    result: (taskId) => ac.waitForResult(Number(taskId)),
  };
}

function anticaptcha() {
  const client = new AntiCaptcha(KEY);
  client.api.setBaseURL(GATEWAY);
  const solve = async (task) => (await client.getTaskResult(await client.createTask(task), POLL_ATTEMPTS, POLL_INTERVAL_MS)).solution;
  return {
    turnstile: (url, siteKey) => solve({ type: "TurnstileTaskProxyless", websiteURL: url, websiteKey: siteKey }),
    geetest: (url, captchaId) => solve({ type: "GeeTestTaskProxyless", websiteURL: url, gt: captchaId, version: 4 }),
    balance: () => client.getBalance(),
    unsupported: (url, siteKey) => solve({ type: "FunCaptchaTaskProxyless", websiteURL: url, websitePublicKey: siteKey }),
    result: (taskId) => client.getTaskResult(Number(taskId), 1, POLL_INTERVAL_MS),
  };
}

async function main() {
  const [clientName, operation, ...args] = process.argv.slice(2);
  const client = { official, anticaptcha }[clientName]();
  try {
    const value = await client[operation](...args);
    console.log("RESULT " + JSON.stringify({ ok: true, value }));
  } catch (e) {
    // The official client throws the errorCode itself (a string); anticaptcha throws AntiCaptchaError with .code.
    const code = typeof e === "string" ? e : e instanceof AntiCaptchaError ? e.code : null;
    console.log("RESULT " + JSON.stringify({ ok: false, code, message: String(e && e.message ? e.message : e) }));
  }
  process.exit(0);
}

main();

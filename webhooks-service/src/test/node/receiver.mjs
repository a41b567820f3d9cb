// A customer's webhook receiver, as docs/webhooks.md tells customers to write one: every delivery is verified with
// the Standard Webhooks library before it counts, and events are deduplicated by their webhook-id.
// Endpoints are named by path (/hook/<name>); the test configures each (secrets, failFirst) and reads what arrived:
// a webhook event's type and data, and every verified body whole (a createTask callback's is getTaskResult's body).
// Prints "listening <port>" once ready; listens on loopback only.
import http from "node:http";
import { Webhook } from "standardwebhooks";

const endpoints = new Map(); // name -> { secrets, failFirst, seen: number, received: [] }

function endpoint(name) {
  if (!endpoints.has(name)) endpoints.set(name, { secrets: [], failFirst: 0, requests: 0, duplicates: 0, received: [], ids: new Set() });
  return endpoints.get(name);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  const [, kind, name] = req.url.split("/");
  const body = await readBody(req);
  if (kind === "config" && req.method === "POST") {
    const e = endpoint(name);
    const config = JSON.parse(body);
    e.secrets = config.secrets ?? e.secrets;
    e.failFirst = config.failFirst ?? 0;
    e.requests = 0;
    return json(res, 200, { ok: true });
  }
  if (kind === "received" && req.method === "GET") {
    const e = endpoint(name);
    return json(res, 200, { requests: e.requests, duplicates: e.duplicates, received: e.received });
  }
  if (kind === "counts" && req.method === "GET") {
    const e = endpoint(name);
    return json(res, 200, { requests: e.requests, duplicates: e.duplicates, unique: e.received.length });
  }
  if (kind === "hook" && req.method === "POST") {
    const e = endpoint(name);
    e.requests += 1;
    if (e.requests <= e.failFirst) return json(res, 503, { down: true });
    let event = null;
    for (const secret of e.secrets) {
      try {
        event = new Webhook(secret).verify(body, req.headers);
        break;
      } catch (wrongSecretOrForged) {
        // try the next secret (during a rotation the receiver may hold either)
      }
    }
    if (event === null) return json(res, 400, { error: "signature did not verify" });
    const id = req.headers["webhook-id"];
    if (!e.ids.has(id)) {
      e.ids.add(id);
      e.received.push({ id, type: event.type, data: event.data, body: event, at: Date.now() });
    } else {
      e.duplicates += 1;
    }
    return json(res, 200, { received: id });
  }
  json(res, 404, { error: "no such route" });
});

// PORT: a fixed port (the system test's receiver, allowed by the run's TS_WEBHOOK_RECEIVERS); otherwise any free one.
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening ${server.address().port}`);
});

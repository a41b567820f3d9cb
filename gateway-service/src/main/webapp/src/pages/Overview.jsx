import { useEffect, useRef, useState } from "preact/hooks";
import { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip } from "chart.js";
import { api, follow, formatMs } from "../api.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

const HOUR = 3600 * 1000;
const HISTORY_PAGES = 10;

function Countdown({ until }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, new Date(until).getTime() - now);
  const h = Math.floor(left / HOUR), m = Math.floor((left % HOUR) / 60000), s = Math.floor((left % 60000) / 1000);
  return <span data-testid="next-claim">{`${h}h ${String(m).padStart(2, "0")}m ${String(s).padStart(2, "0")}s`}</span>;
}

/** The last 24 hours of solves by id, from history (newest first, paged). */
async function lastDay() {
  const since = new Date(Date.now() - 24 * HOUR);
  const solves = new Map();
  let cursor = null;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const q = new URLSearchParams({ limit: "100", from: since.toISOString() });
    if (cursor) q.set("cursor", cursor);
    const result = await api("/api/solve/history?" + q);
    for (const item of result.items) solves.set(item.id, item);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return solves;
}

/**
 * Per hour of the last 24: solves created, and of the solves that ended, the success rate and the average latency of
 * the successful ones — the same definitions as the cards (successRate24h, avgElapsedMs24h), so the two agree.
 */
function hourly(solves) {
  const start = Math.floor((Date.now() - 24 * HOUR) / HOUR) * HOUR;
  const hours = Array.from({ length: 25 }, (_, i) => ({ at: start + i * HOUR, total: 0, ended: 0, solved: 0, elapsed: 0 }));
  const bucket = (iso) => (iso ? hours[Math.floor((new Date(iso).getTime() - start) / HOUR)] : undefined);
  for (const solve of solves.values()) {
    const created = bucket(solve.createdAt);
    if (created) created.total++;
    const ended = (solve.status === "solved" || solve.status === "failed") && bucket(solve.completedAt);
    if (!ended) continue;
    ended.ended++;
    if (solve.status === "solved") {
      ended.solved++;
      ended.elapsed += solve.elapsedMs ?? 0;
    }
  }
  return hours;
}

function HourlyChart({ hours, label, value, type, testId, max }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  const labels = hours.map((h) => new Date(h.at).getHours() + ":00");
  const data = hours.map(value);
  useEffect(() => {
    chart.current = new Chart(canvas.current, {
      type,
      data: { labels, datasets: [{ label, data, backgroundColor: "#2563eb", borderColor: "#2563eb", spanGaps: true }] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } },
        // Whole numbers on the axis: counts, percentages and milliseconds have no useful fractions.
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, ...(max ? { max } : {}) } },
      },
    });
    // The axis as drawn, for tests and tools (a canvas has no DOM to read): the top of the y scale.
    canvas.current.dataset.yMax = String(chart.current.scales.y.max);
    return () => chart.current.destroy();
  }, []);
  // Live: the chart takes new figures in place (no re-creation, no flicker).
  useEffect(() => {
    chart.current.data.labels = labels;
    chart.current.data.datasets[0].data = data;
    chart.current.update("none");
    canvas.current.dataset.yMax = String(chart.current.scales.y.max);
  }, [hours]);
  return (
    <figure class="card chart" data-testid={testId}>
      <figcaption>{label}</figcaption>
      <div class="canvas"><canvas ref={canvas} role="img" aria-label={label} data-values={data.join(",")} /></div>
    </figure>
  );
}

export function Overview() {
  const [figures, setFigures] = useState(null);
  const [balance, setBalance] = useState(null);
  const [solves, setSolves] = useState(null);
  const [pricing, setPricing] = useState(null);
  const [message, setMessage] = useState(null);

  const loadBalance = () => api("/api/billing/balance").then(setBalance).catch((e) => setMessage(e.message));
  useEffect(() => {
    loadBalance();
    lastDay().then(setSolves).catch((e) => setMessage(e.message));
    api("/api/billing/pricing").then(setPricing).catch(() => {});
    const closeFigures = follow("/api/stream/dashboard", "dashboard", setFigures);
    // The charts follow each solve as the cards do.
    const closeSolves = follow("/api/stream/solves", "solve", (solve) =>
      setSolves((known) => (known ? new Map(known).set(solve.id, { ...known.get(solve.id), ...solve }) : known)));
    return () => { closeFigures(); closeSolves(); };
  }, []);
  const hours = solves && hourly(solves);

  const claim = async () => {
    try {
      const result = await api("/api/billing/daily-claim", { method: "POST" });
      setMessage(`${result.credited} free credits added.`);
    } catch (e) {
      setMessage(e.message);
    }
    loadBalance();
  };

  const credits = figures?.balance ?? balance?.credits;
  return (
    <section>
      <h1>Overview</h1>
      {message && <p class="notice" role="status">{message}</p>}
      <div class="tiles">
        <div class="card tile"><span class="label">Balance</span><strong data-testid="balance">{credits ?? "…"}</strong><span class="muted">credits</span></div>
        <div class="card tile"><span class="label">Solves today</span><strong data-testid="solves-today">{figures?.solvesToday ?? "…"}</strong></div>
        <div class="card tile"><span class="label">Success (24 h)</span><strong>{figures?.successRate24h == null ? "—" : Math.round(figures.successRate24h * 100) + " %"}</strong></div>
        <div class="card tile"><span class="label">Avg latency, successful (24 h)</span><strong>{formatMs(figures?.avgElapsedMs24h)}</strong></div>
        <div class="card tile"><span class="label">In flight</span><strong>{figures?.inFlight ?? "…"}</strong></div>
      </div>
      <div class="card claim">
        <h2>Daily free credits</h2>
        {balance == null ? <p>…</p> : balance.dailyClaimAvailable ? (
          <button onClick={claim} data-testid="claim">{pricing ? `Claim ${pricing.dailyGrant.credits} free credits` : "Claim today's free credits"}</button>
        ) : (
          <p>Claimed today. Next claim in <Countdown until={balance.nextDailyClaimAt} />.</p>
        )}
      </div>
      <h2>Last 24 hours</h2>
      {hours == null ? <p class="muted">Loading charts…</p> : hours.every((h) => h.total === 0) ? (
        <p class="empty">No solves in the last 24 hours yet. Create an API key and submit one — it will show up here.</p>
      ) : (
        <div class="charts">
          <HourlyChart hours={hours} type="bar" label="Solves per hour" value={(h) => h.total} testId="chart-solves" />
          <HourlyChart hours={hours} type="line" label="Success rate of ended solves (%)" max={100}
            value={(h) => (h.ended ? Math.round((100 * h.solved) / h.ended) : null)} testId="chart-success" />
          <HourlyChart hours={hours} type="line" label="Average latency of successful solves (ms)"
            value={(h) => (h.solved ? Math.round(h.elapsed / h.solved) : null)} testId="chart-latency" />
        </div>
      )}
    </section>
  );
}

// Dashboard: the instance right now, from the admin events feed (no polling): agents and
// their statuses, and each queue's contacts waiting. Times tick on the page's own clock.
import { formatDuration, html, useNow } from "../ui.js";
import { Badge, Link, Loading, PageHeader, useDashboard } from "./kit.js";

function stateTone(state) {
  if (state === "Available") return "ok";
  if (state === "Offline") return "off";
  if (state === "Missed" || state === "Error" || state === "Rejected") return "bad";
  return "busy";
}

/** How long the agent has been in this status on the contact center's clock. */
function timeInStatus(agent, dashboard, now) {
  const since = Date.parse(agent.statusSince);
  const at = Date.parse(dashboard.at);
  if (Number.isNaN(since)) return "";
  const serverNow = Number.isNaN(at) ? now : at + (now - dashboard.receivedAt);
  return formatDuration(serverNow - since);
}

const contactCount = (contacts) => (Array.isArray(contacts) ? contacts.length : Number(contacts || 0));

export function DashboardSection({ admin }) {
  const dashboard = useDashboard();
  const now = useNow();
  const instance = admin?.instance || {};

  const header = html`<${PageHeader} title="Dashboard"
    description=${`Real-time view of ${instance.alias || "this instance"}.`} />`;
  if (!dashboard) return html`${header}<${Loading} what="Waiting for live figures…" />`;

  const agents = dashboard.agents || [];
  const queues = dashboard.queues || [];
  const online = agents.filter((a) => a.state !== "Offline");
  const available = agents.filter((a) => a.state === "Available");
  const waiting = queues.reduce((sum, q) => sum + (q.contactsInQueue || 0), 0);
  const onContact = agents.filter((a) => contactCount(a.contacts) > 0);

  return html`${header}
    <section class="figures" aria-label="Totals">
      <div class="figure card"><span class="figure-value">${online.length}</span>
        <span class="figure-label">Agents online</span></div>
      <div class="figure card"><span class="figure-value">${available.length}</span>
        <span class="figure-label">Available</span></div>
      <div class="figure card"><span class="figure-value">${onContact.length}</span>
        <span class="figure-label">On contact</span></div>
      <div class="figure card"><span class="figure-value">${waiting}</span>
        <span class="figure-label">Contacts in queue</span></div>
    </section>
    <div class="dashboard-grid">
      <section class="card panel" aria-labelledby="dash-queues">
        <div class="spread"><h2 id="dash-queues">Queues</h2>
          <${Link} href="/admin/queues" class="small-link">Manage queues<//></div>
        ${queues.length === 0 ? html`<p class="muted">No queues.</p>` : html`<table class="compact">
          <thead><tr><th scope="col">Queue</th><th scope="col">In queue</th>
            <th scope="col">Oldest</th><th scope="col">Online</th>
            <th scope="col">Available</th></tr></thead>
          <tbody>${queues.map((q) => html`<tr key=${q.id}>
            <th scope="row">${q.name}</th>
            <td class=${q.contactsInQueue ? "strong" : ""}>${q.contactsInQueue ?? 0}</td>
            <td>${q.oldestContactAgeSeconds ? formatDuration(q.oldestContactAgeSeconds * 1000) : "—"}</td>
            <td>${q.agentsOnline ?? 0}</td>
            <td>${q.agentsAvailable ?? 0}</td>
          </tr>`)}</tbody>
        </table>`}
      </section>
      <section class="card panel" aria-labelledby="dash-agents">
        <div class="spread"><h2 id="dash-agents">Agents</h2>
          <${Link} href="/admin/users" class="small-link">User management<//></div>
        ${agents.length === 0 ? html`<p class="muted">No agents.</p>` : html`<table class="compact">
          <thead><tr><th scope="col">Agent</th><th scope="col">Status</th>
            <th scope="col">Time in status</th><th scope="col">Contacts</th></tr></thead>
          <tbody>${agents.map((a) => html`<tr key=${a.userId}>
            <th scope="row">${a.username}</th>
            <td><${Badge} tone=${stateTone(a.state)}>${a.state}<//></td>
            <td class="mono">${timeInStatus(a, dashboard, now)}</td>
            <td>${contactCount(a.contacts)}</td>
          </tr>`)}</tbody>
        </table>`}
      </section>
    </div>
    <p class="muted small">Live: updates as agents and contacts change.</p>`;
}

// /agent-app-v2: the CCP beside the workspace panels (Customer profile, Cases, Knowledge).
// Which panels an agent may open is the server's answer (GET /api/v1/agent/workspace), and
// each panel's own request is refused by the server without the permission.
import { api } from "./api.js";
import { Ccp } from "./ccp/panel.js";
import { useDesk } from "./ccp/desk.js";
import { html, Message, mount, useEffect, useState } from "./ui.js";
import { requireSession } from "./session.js";
import { CustomerProfilePanel } from "./workspace/customer-profile.js";
import { CasesPanel } from "./workspace/cases.js";
import { KnowledgePanel } from "./workspace/knowledge.js";

const session = requireSession();

// Each panel's contents, by panel id. A panel gets the panel's description from the server,
// the agent's desk (useDesk) and the contact on screen in the CCP (or null).
const PANEL_VIEWS = {
  "customer-profile": CustomerProfilePanel,
  cases: CasesPanel,
  knowledge: KnowledgePanel,
};

function PanelContent({ panel, desk, contact }) {
  const View = PANEL_VIEWS[panel.id];
  if (panel.allowed && View) return html`<${View} panel=${panel} desk=${desk} contact=${contact} />`;
  return html`<${PanelNotice} panel=${panel} />`;
}

/** What a panel without its own view shows: the server's sentence about it. */
function PanelNotice({ panel }) {
  const [answer, setAnswer] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setAnswer(null);
    setError(null);
    if (!panel.allowed) return;
    api.get(`/api/v1/agent/workspace/${panel.id}`).then(setAnswer, setError);
  }, [panel.id, panel.allowed]);
  if (!panel.allowed) {
    return html`<div class="message error" role="alert">${panel.message}</div>`;
  }
  if (error) return html`<${Message} error=${error} />`;
  if (!answer) return html`<p class="muted">Loading…</p>`;
  return html`<p class="message notice" role="status">${answer.message}</p>`;
}

function Workspace({ desk, contactId }) {
  const [panels, setPanels] = useState(null);
  const [error, setError] = useState(null);
  const [selected, setSelected] = useState(0);
  useEffect(() => {
    api.get("/api/v1/agent/workspace").then((answer) => setPanels(answer.panels), setError);
  }, []);
  if (error) return html`<section class="workspace"><${Message} error=${error} /></section>`;
  if (!panels) return html`<section class="workspace" aria-busy="true"></section>`;

  const onKey = (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = (selected + step + panels.length) % panels.length;
    setSelected(next);
    document.getElementById(`tab-${panels[next].id}`)?.focus();
  };
  const panel = panels[selected];
  return html`<section class="workspace" aria-label="Agent workspace">
    <div role="tablist" aria-label="Workspace panels" onKeyDown=${onKey}>
      ${panels.map(
        (item, index) => html`<button type="button" role="tab" id=${`tab-${item.id}`}
          key=${item.id} aria-selected=${index === selected} aria-controls="workspace-panel"
          tabindex=${index === selected ? 0 : -1} onClick=${() => setSelected(index)}>
          ${item.name}${!item.allowed &&
          html`<span aria-hidden="true"> 🔒</span><span class="visually-hidden"> (not allowed)</span>`}</button>`,
      )}
    </div>
    <div role="tabpanel" id="workspace-panel" aria-labelledby=${`tab-${panel.id}`}>
      <h2>${panel.name}</h2>
      <${PanelContent} panel=${panel} desk=${desk}
        contact=${desk.desk?.contacts.find((c) => c.contactId === contactId) || null} />
    </div>
  </section>`;
}

function AgentApp() {
  const desk = useDesk(session);
  const [contactId, setContactId] = useState(null);
  return html`<div class="agent-app">
    <div class="ccp-page"><${Ccp} session=${session} desk=${desk}
      onShownContact=${setContactId} /></div>
    ${!desk.refused && html`<${Workspace} desk=${desk} contactId=${contactId} />`}
  </div>`;
}

if (session) mount(AgentApp);

// A task: offered (name, description, Accept / Reject), then worked: its description, its
// references, the contact it came from; Pause / Resume, Transfer, End task.
import { api } from "../api.js";
import { elapsed, html, useEffect, useState } from "../ui.js";
import { IncomingContact } from "./contact-views.js";
import { channelName, stateName, who } from "./labels.js";

const WEB_ADDRESS = /^https?:\/\/\S+$/i;

/** The task's references: web addresses as links (opening in a new tab), the rest as text. */
export function References({ references }) {
  const entries = Object.entries(references || {});
  if (!entries.length) return null;
  return html`<div class="references">
    <h3 id="references-title">References</h3>
    <dl aria-labelledby="references-title">
      ${entries.map(
        ([name, value]) => html`<div key=${name}>
          <dt>${name}</dt>
          <dd>${WEB_ADDRESS.test(value)
            ? html`<a href=${value} target="_blank" rel="noopener noreferrer">${value}</a>`
            : value}</dd>
        </div>`,
      )}
    </dl>
  </div>`;
}

const CAN_READ_RECORDS = "ContactSearch.View";

/** A related contact as words: "Call with +15555550100" (from the desk or its record). */
function describe(other) {
  const words =
    other.channel === "TASK" ? `Task "${who(other)}"` : `${channelName(other)} with ${who(other)}`;
  if (other.state === "ENDED" || other.contactState === "ENDED" || other.disconnectedAt) {
    return `${words}, ended`;
  }
  return other.state ? `${words}, ${stateName(other).toLowerCase()}` : words;
}

function RelatedContact({ label, contactId, task, desk, session, onShowContact }) {
  const onDesk = desk.contacts.find((contact) => contact.contactId === contactId);
  const canRead = (session?.user?.permissions || []).includes(CAN_READ_RECORDS);
  const [record, setRecord] = useState(null);
  useEffect(() => {
    setRecord(null);
    if (onDesk || !canRead) return;
    // Supervisors may read any contact record (GET /api/v1/contacts/{id}).
    api.get(`/api/v1/contacts/${contactId}`).then(setRecord, () => setRecord(null));
  }, [contactId, canRead, Boolean(onDesk)]);

  let what;
  if (onDesk) what = describe(onDesk);
  else if (record) what = describe(record);
  else if (task.customer?.phoneNumber) what = `A contact with ${task.customer.phoneNumber}`;
  else what = "A contact";
  return html`<div>
    <dt>${label}</dt>
    <dd>
      ${onDesk
        ? html`<button type="button" class="link related"
            onClick=${() => onShowContact(contactId)}>${what}</button>`
        : html`<span>${what}</span>`}
      <br /><code class="contact-id" title="Contact ID">${contactId}</code>
    </dd>
  </div>`;
}

/** Where the task came from: its related contact and the segment before it, when they exist. */
export function Origin({ task, desk, session, onShowContact }) {
  const links = [];
  if (task.relatedContactId) links.push(["Related contact", task.relatedContactId]);
  if (task.previousContactId && task.previousContactId !== task.relatedContactId) {
    const transferred = ["TRANSFER", "QUEUE_TRANSFER"].includes(task.initiationMethod);
    links.push([transferred ? "Transferred from" : "Previous contact", task.previousContactId]);
  }
  if (!links.length) return null;
  return html`<dl class="origin" aria-label="Where this task came from">
    ${links.map(
      ([label, id]) => html`<${RelatedContact} key=${id} label=${label} contactId=${id} task=${task}
        desk=${desk} session=${session} onShowContact=${onShowContact} />`,
    )}
  </dl>`;
}

export function TaskOffer({ contact, act, now, desk, session, onShowContact }) {
  return html`<${IncomingContact} contact=${contact} act=${act} now=${now}>
    <${Origin} task=${contact} desk=${desk} session=${session} onShowContact=${onShowContact} />
  </${IncomingContact}>`;
}

export function TaskContact({ contact, desk, session, act, now, openView, onShowContact }) {
  const base = `/contacts/${contact.contactId}`;
  const paused = contact.state === "PAUSED";
  const started = contact.connectedAt || contact.initiatedAt;
  return html`<section class=${`contact-card task ${paused ? "paused" : "connected"}`}
    aria-labelledby="contact-title">
    <div class="spread">
      <h2 id="contact-title">${paused ? "Task paused" : "Task"}</h2>
      <span class="timer" data-testid="contact-timer"
        aria-label="Time on contact">${elapsed(started, now)}</span>
    </div>
    <p class="caller" data-testid="caller">${who(contact)}</p>
    ${paused && contact.pausedAt &&
    html`<p class="muted">${`Paused for ${elapsed(contact.pausedAt, now)}. Resume to go on working on it.`}</p>`}
    ${contact.queue?.name && html`<p class="muted">${`Queue: ${contact.queue.name}`}</p>`}
    ${contact.description
      ? html`<p class="task-description">${contact.description}</p>`
      : html`<p class="muted">No description.</p>`}
    <${References} references=${contact.references} />
    <${Origin} task=${contact} desk=${desk} session=${session} onShowContact=${onShowContact} />
    <div class="actions">
      ${paused
        ? html`<button type="button" class="primary" onClick=${() => act("post", `${base}/resume`)}>
            Resume</button>`
        : html`<button type="button" onClick=${() => act("post", `${base}/pause`)}>Pause</button>`}
      ${!paused &&
      html`<button type="button" onClick=${() => openView("quick-connects")}>Transfer</button>`}
      <button type="button" class="danger primary" onClick=${() => act("post", `${base}/end`)}>
        End task</button>
    </div>
  </section>`;
}

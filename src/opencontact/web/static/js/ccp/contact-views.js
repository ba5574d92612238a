// The contact the agent is working: offered (any channel; the panel rings), a call connected
// with its parties, after contact work (any channel).
import { elapsed, formatDuration, html } from "../ui.js";
import { CHANNEL, who } from "./labels.js";

export function IncomingContact({ contact, act, now, children }) {
  const left = contact.offerExpiresAt ? Date.parse(contact.offerExpiresAt) - now : null;
  const kind = CHANNEL[contact.channel] || "contact";
  const base = `/contacts/${contact.contactId}`;
  return html`<section class="contact-card incoming" aria-labelledby="incoming-title">
    <h2 id="incoming-title">${`Incoming ${kind}`}</h2>
    <p class="caller" data-testid="caller">${who(contact)}</p>
    ${contact.queue && html`<p class="muted">${`Queue: ${contact.queue.name}`}</p>`}
    ${contact.description && html`<p class="task-description">${contact.description}</p>`}
    ${children}
    ${left !== null &&
    html`<p class="muted" aria-live="off">${`Missed in ${formatDuration(left)}`}</p>`}
    <div class="actions two">
      <button type="button" class="ok primary" onClick=${() => act("post", `${base}/accept`)}>
        Accept</button>
      <button type="button" class="danger primary" onClick=${() => act("post", `${base}/reject`)}>
        Reject</button>
    </div>
  </section>`;
}

const PARTY_STATE = { CONNECTING: "Connecting", CONNECTED: "Connected", ON_HOLD: "On hold" };

function Party({ name, state, since, now, failure, onHangUp }) {
  return html`<li class=${`party party-${(state || "").toLowerCase()}`}>
    <div>
      <strong>${name}</strong>
      <span class="party-state">${failure ? `Not reached: ${failure}` : PARTY_STATE[state] || state}</span>
    </div>
    <span class="timer" aria-hidden="true">${elapsed(since, now)}</span>
    ${onHangUp &&
    html`<button type="button" class="link" aria-label=${`Hang up ${name}`}
      onClick=${onHangUp}>✕</button>`}
  </li>`;
}

export function ConnectedContact({ contact, act, now, openView }) {
  const base = `/contacts/${contact.contactId}`;
  const held = contact.state === "ON_HOLD";
  const parties = contact.thirdParties || [];
  const live = parties.filter((party) => !party.failure);
  const connectedParty = live.some((party) => party.state === "CONNECTED");
  const someoneHeld = contact.customer?.onHold || live.some((party) => party.state === "ON_HOLD");
  // Calling out: the agent is on the contact while the customer's phone still rings.
  const calling =
    contact.state === "CONNECTING" ||
    (contact.channel === "VOICE" && contact.customer && !contact.customer.connected &&
      !contact.disconnectedAt);
  const title = calling ? `Calling ${who(contact)}` : held ? "On hold" : "Connected";
  return html`<section class=${`contact-card ${held ? "held" : "connected"}`}
    aria-labelledby="contact-title">
    <div class="spread">
      <h2 id="contact-title">${title}</h2>
      <span class="timer" data-testid="contact-timer"
        aria-label="Time on contact">${elapsed(contact.connectedAt || contact.initiatedAt, now)}</span>
    </div>
    <p class="caller" data-testid="caller">${who(contact)}</p>
    ${contact.queue && html`<p class="muted">${`Queue: ${contact.queue.name}`}</p>`}
    ${parties.length > 0 &&
    html`<ul class="parties" aria-label="Parties on this call">
      <${Party} name=${`Customer ${who(contact)}`}
        state=${contact.customer?.onHold ? "ON_HOLD" : contact.customer?.connected ? "CONNECTED" : "CONNECTING"}
        since=${contact.connectedAt} now=${now} />
      ${parties.map(
        (party) => html`<${Party} key=${party.id} name=${party.label} state=${party.state}
          since=${party.since} now=${now} failure=${party.failure}
          onHangUp=${() => act("delete", `${base}/parties/${party.id}`)} />`,
      )}
    </ul>`}
    <div class="actions">
      ${!calling && !parties.length &&
      (held
        ? html`<button type="button" class="primary" onClick=${() => act("post", `${base}/resume`)}>Resume</button>`
        : html`<button type="button" onClick=${() => act("post", `${base}/hold`)}>Hold</button>`)}
      ${live.length > 0 &&
      html`
        <button type="button" disabled=${!(connectedParty && someoneHeld)}
          onClick=${() => act("post", `${base}/join`)}>Join</button>
        <button type="button" onClick=${() => act("post", `${base}/hold-all`)}>Hold all</button>
        <button type="button" disabled=${!someoneHeld}
          onClick=${() => act("post", `${base}/swap`)}>Swap</button>
        <button type="button" disabled=${!connectedParty}
          onClick=${() => act("post", `${base}/leave`)}>Leave</button>`}
      ${!calling &&
      html`<button type="button" onClick=${() => openView("quick-connects")}>Transfer</button>`}
      <button type="button" class="danger primary" onClick=${() => act("post", `${base}/end`)}>
        End call</button>
    </div>
  </section>`;
}

export function AfterContactWork({ contact, act, now, openView }) {
  const base = `/contacts/${contact.contactId}`;
  const endsAt = contact.afterContactWorkEndsAt;
  return html`<section class="contact-card acw" aria-labelledby="acw-title">
    <div class="spread">
      <h2 id="acw-title">After contact work</h2>
      <span class="timer" aria-label="Time in after contact work">
        ${elapsed(contact.afterContactWorkStartedAt, now)}</span>
    </div>
    <p class="caller" data-testid="caller">${who(contact)}</p>
    <p class="muted">
      ${contact.disconnectedAt && contact.connectedAt
        ? `Contact lasted ${formatDuration(Date.parse(contact.disconnectedAt) - Date.parse(contact.connectedAt))}. `
        : ""}
      ${endsAt
        ? `After contact work ends by itself in ${formatDuration(Date.parse(endsAt) - now)}.`
        : "Close the contact when you are done."}
    </p>
    <div class="actions">
      <button type="button" onClick=${() => openView("create-task")}>Create task</button>
      <button type="button" class="primary" onClick=${() => act("post", `${base}/close`)}>
        Close contact</button>
    </div>
  </section>`;
}

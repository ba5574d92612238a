// Number pad and Quick connects: dial out when no call is up, or bring a third party into the
// current call (a transfer: the customer is held while the third party is reached). A chat or
// a task is transferred to an agent or a queue only (their quick connects).
import { html, useEffect, useRef, useState } from "../ui.js";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const TYPE = { USER: "Agent", QUEUE: "Queue", PHONE_NUMBER: "Phone number" };

export function DialView({ mode, desk, contact, act, close }) {
  const [number, setNumber] = useState("");
  const [filter, setFilter] = useState("");
  const field = useRef(null);
  useEffect(() => field.current?.focus(), [mode]);
  const voice = contact?.channel === "VOICE";
  // Number pad with a chat or a task on screen calls out; its quick connects transfer it.
  const onContact =
    contact && ["CONNECTED", "ON_HOLD"].includes(contact.state) &&
    (voice || mode === "quick-connects");
  const verb = onContact ? "Transfer" : "Call";
  // Chats and tasks go to agents and queues, never to a phone number.
  const phones = !onContact || voice;

  const dial = async (body) => {
    const path = onContact ? `/contacts/${contact.contactId}/transfer` : "/calls";
    if (await act("post", path, body)) close();
  };
  const submit = (event) => {
    event.preventDefault();
    if (number.trim()) dial({ phoneNumber: number.trim() });
  };

  const wanted = filter.trim().toLowerCase();
  const quickConnects = desk.quickConnects.filter(
    (qc) =>
      (phones || qc.type !== "PHONE_NUMBER") && (!wanted || qc.name.toLowerCase().includes(wanted)),
  );
  return html`<section class="dial" aria-labelledby="dial-title">
    <div class="spread">
      <h2 id="dial-title">${mode === "number-pad" ? "Number pad" : "Quick connects"}</h2>
      <button type="button" class="link" onClick=${close}>Back</button>
    </div>
    ${onContact && voice &&
    html`<p class="muted">The customer is held while you reach the other party.</p>`}
    ${onContact && !voice &&
    html`<p class="muted">${`Choose the agent or queue that takes this ${contact.channel === "CHAT" ? "chat" : "task"}.`}</p>`}
    ${phones && html`<form onSubmit=${submit} class="dial-form">
      <label for="dial-number">Phone number</label>
      <div class="row nowrap">
        <input id="dial-number" ref=${mode === "number-pad" ? field : null} value=${number}
          inputmode="tel" autocomplete="off" placeholder="+1 206 555 0100"
          onInput=${(e) => setNumber(e.target.value)} />
        <button type="submit" class="primary" disabled=${!number.trim()}>${verb}</button>
      </div>
    </form>`}
    ${mode === "number-pad" &&
    html`<div class="keypad" role="group" aria-label="Keypad">
      ${KEYS.map(
        (key) => html`<button type="button" key=${key} onClick=${() => setNumber(number + key)}>
          ${key}</button>`,
      )}
    </div>`}
    ${mode === "quick-connects" &&
    html`<div>
      <label for="qc-filter">Search quick connects</label>
      <input id="qc-filter" ref=${field} value=${filter} type="search"
        onInput=${(e) => setFilter(e.target.value)} />
      ${quickConnects.length === 0 &&
      html`<p class="muted">${
        desk.quickConnects.length
          ? "No quick connect has that name."
          : onContact
            ? "No quick connects are set up for your queues."
            : "No quick connects to call. Agent and queue quick connects appear while you are on a contact."
      }</p>`}
      <ul class="quick-connects" aria-label="Quick connects list">
        ${quickConnects.map(
          (qc) => html`<li key=${qc.id}>
            <button type="button" class="qc" aria-label=${qc.name}
              onClick=${() =>
                dial(onContact ? { quickConnectId: qc.id } : { phoneNumber: qc.phoneNumber })}>
              <span class="qc-name">${qc.name}</span>
              <span class="qc-type">${TYPE[qc.type] || qc.type}${qc.phoneNumber ? ` · ${qc.phoneNumber}` : ""}</span>
            </button>
          </li>`,
        )}
      </ul>
    </div>`}
  </section>`;
}

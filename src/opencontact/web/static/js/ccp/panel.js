// The Contact Control Panel: status at the top, the contact being worked (or the idle state) in
// the middle, Number pad / Quick connects / Settings at the bottom. Used by /ccp-v2 and, beside
// the workspace panels, by /agent-app-v2.
import { html, LiveIndicator, Message, useEffect, useNow, useState } from "../ui.js";
import { signOut } from "../session.js";
import { AfterContactWork, ConnectedContact, IncomingContact } from "./contact-views.js";
import { currentContact } from "./desk.js";
import { DialView } from "./dial.js";
import { SettingsView } from "./settings.js";
import { StatusMenu, SystemState } from "./status-menu.js";
import { CreateTaskView } from "./task.js";

function Idle({ desk, now }) {
  const routable = desk.status?.type === "ROUTABLE" && !desk.systemState;
  return html`<section class="idle" aria-label="No contact">
    <p class="idle-state">${routable ? "Waiting for contacts" : "You will not receive contacts"}</p>
    <p class="muted">${
      routable
        ? "Incoming contacts appear here with a ring."
        : "Set your status to Available to receive contacts. You can still make calls."
    }</p>
  </section>`;
}

export function Ccp({ session, desk: feed }) {
  const { desk, live, refused, error, act, clearError, serverNow } = feed;
  const [view, setView] = useState(null);
  const [notice, setNotice] = useState(null);
  useNow(1000);
  const now = serverNow();
  const contact = currentContact(desk);

  // A contact offered takes the screen over whatever view was open.
  useEffect(() => {
    if (contact?.state === "OFFERED") setView(null);
  }, [contact?.contactId, contact?.state]);
  // Create task belongs to after contact work; it goes when the contact is closed.
  useEffect(() => {
    if (view === "create-task" && contact?.state !== "AFTER_CONTACT_WORK") setView(null);
  }, [contact?.state]);

  if (refused) {
    return html`<main class="ccp" aria-label="Contact Control Panel">
      <div class="message error" role="alert">${refused}</div>
      <button type="button" onClick=${signOut}>Sign out</button>
    </main>`;
  }
  if (!desk) {
    return html`<main class="ccp" aria-label="Contact Control Panel" aria-busy="true">
      <${LiveIndicator} state=${live} />
      <p class="muted">Loading your desk…</p>
    </main>`;
  }

  const close = (message) => {
    setView(null);
    setNotice(message || null);
  };
  const open = (name) => {
    clearError();
    setNotice(null);
    setView(view === name ? null : name);
  };
  let body;
  if (contact?.state === "OFFERED") {
    body = html`<${IncomingContact} contact=${contact} act=${act} now=${now} />`;
  } else if (view === "settings") {
    body = html`<${SettingsView} desk=${desk} act=${act} close=${close} />`;
  } else if (view === "create-task" && contact) {
    body = html`<${CreateTaskView} desk=${desk} contact=${contact} act=${act} close=${close} />`;
  } else if (view === "number-pad" || view === "quick-connects") {
    body = html`<${DialView} mode=${view} desk=${desk} contact=${contact} act=${act} close=${close} />`;
  } else if (contact?.state === "AFTER_CONTACT_WORK") {
    body = html`<${AfterContactWork} contact=${contact} act=${act} now=${now} openView=${open} />`;
  } else if (contact) {
    body = html`<${ConnectedContact} contact=${contact} act=${act} now=${now} openView=${open} />`;
  } else {
    body = html`<${Idle} desk=${desk} now=${now} />`;
  }
  const others = desk.contacts.filter((other) => other !== contact).length;

  return html`<main class=${`ccp ${contact?.state === "OFFERED" ? "ringing" : ""}`}
    aria-label="Contact Control Panel">
    <${LiveIndicator} state=${live} />
    <header class="ccp-header">
      <${StatusMenu} desk=${desk} act=${act} now=${now} />
      <div class="who">
        <span>${session.user.username}</span>
        <button type="button" class="link" onClick=${signOut}>Sign out</button>
      </div>
    </header>
    <${SystemState} desk=${desk} act=${act} />
    <${Message} error=${error} notice=${notice}
      onDismiss=${() => (error ? clearError() : setNotice(null))} />
    <div class="ccp-body">${body}</div>
    ${others > 0 && html`<p class="muted others">${`${others} more contact(s) open`}</p>`}
    <nav class="ccp-toolbar" aria-label="CCP tools">
      <button type="button" aria-pressed=${view === "number-pad"}
        onClick=${() => open("number-pad")}>Number pad</button>
      <button type="button" aria-pressed=${view === "quick-connects"}
        onClick=${() => open("quick-connects")}>Quick connects</button>
      <button type="button" aria-pressed=${view === "settings"}
        onClick=${() => open("settings")}>Settings</button>
    </nav>
  </main>`;
}

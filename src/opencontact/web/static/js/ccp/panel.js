// The Contact Control Panel: status at the top, one tab per contact of the desk (calls, chats,
// tasks) with the selected contact below (or the idle state), Number pad / Quick connects /
// Settings at the bottom. Used by /ccp-v2 and, beside the workspace panels, by /agent-app-v2.
import { html, LiveIndicator, Message, useEffect, useNow, useRef, useState } from "../ui.js";
import { signOut } from "../session.js";
import { ChatContact, ChatOffer } from "./chat-contact.js";
import { unreadCustomerMessages, useChats } from "./chat-store.js";
import { AfterContactWork, ConnectedContact, IncomingContact } from "./contact-views.js";
import { currentContact } from "./desk.js";
import { DialView } from "./dial.js";
import { byArrival, CHANNEL, who } from "./labels.js";
import { startRinging } from "./ringer.js";
import { SettingsView } from "./settings.js";
import { StatusMenu, SystemState } from "./status-menu.js";
import { ContactTabs, PANEL_ID, tabId } from "./tabs.js";
import { CreateTaskView } from "./task.js";
import { TaskContact, TaskOffer } from "./task-contact.js";

// The agent is in the middle of this contact: a new offer does not take the screen from it.
const WORKING = ["CONNECTING", "CONNECTED", "ON_HOLD", "PAUSED"];

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

/** The selected contact, as its channel and state show it. */
function ContactView({ contact, desk, session, chats, act, now, openView, onShowContact }) {
  const chat = chats.chats[contact.contactId];
  const common = { contact, act, now };
  if (contact.state === "OFFERED") {
    if (contact.channel === "CHAT") return html`<${ChatOffer} ...${common} chat=${chat} />`;
    if (contact.channel === "TASK") {
      return html`<${TaskOffer} ...${common} desk=${desk} session=${session}
        onShowContact=${onShowContact} />`;
    }
    return html`<${IncomingContact} ...${common} />`;
  }
  if (contact.channel === "CHAT") {
    return html`<${ChatContact} ...${common} chat=${chat} chats=${chats} openView=${openView} />`;
  }
  if (contact.state === "AFTER_CONTACT_WORK") {
    return html`<${AfterContactWork} ...${common} openView=${openView} />`;
  }
  if (contact.channel === "TASK") {
    return html`<${TaskContact} ...${common} desk=${desk} session=${session} openView=${openView}
      onShowContact=${onShowContact} />`;
  }
  return html`<${ConnectedContact} ...${common} openView=${openView} />`;
}

export function Ccp({ session, desk: feed, onShownContact }) {
  const { desk, live, refused, error, act, clearError, serverNow } = feed;
  const [view, setView] = useState(null);
  const [notice, setNotice] = useState(null);
  const [selectedId, setSelectedId] = useState(null);
  const [announcement, setAnnouncement] = useState("");
  const offersSeen = useRef(new Set());
  const chats = useChats(feed);
  useNow(1000);
  const now = serverNow();

  const contacts = desk ? [...desk.contacts].sort(byArrival) : [];
  const contact =
    contacts.find((item) => item.contactId === selectedId) || currentContact(desk) || null;
  const offered = contacts.filter((item) => item.state === "OFFERED");
  const offeredKey = offered.map((item) => item.contactId).join(" ");

  // The selection stays on the contact shown until the agent picks another or it is closed.
  useEffect(() => {
    if ((contact?.contactId || null) !== selectedId) setSelectedId(contact?.contactId || null);
  }, [contact?.contactId, selectedId]);

  // The agent application's panels follow the contact on screen.
  useEffect(() => {
    onShownContact?.(contact?.contactId || null);
  }, [contact?.contactId]);

  // Ring while any contact is offered, whichever tab is on screen.
  useEffect(() => (offered.length ? startRinging() : undefined), [offeredKey]);

  // A new offer takes the screen, unless the agent is in the middle of another contact: then
  // its tab rings and a screen reader hears about it.
  useEffect(() => {
    const fresh = offered.filter((item) => !offersSeen.current.has(item.contactId));
    offersSeen.current = new Set(offered.map((item) => item.contactId));
    if (!fresh.length) return;
    const newest = fresh[fresh.length - 1];
    const busy = contact && contact !== newest && WORKING.includes(contact.state);
    if (busy) {
      setAnnouncement(`Incoming ${CHANNEL[newest.channel] || "contact"}: ${who(newest)}. It is in the Contacts tabs.`);
    } else {
      setSelectedId(newest.contactId);
      setView(null);
    }
  }, [offeredKey]);

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
  const select = (contactId) => {
    setSelectedId(contactId);
    setView(null);
    setAnnouncement("");
  };
  const unread = (item) => {
    if (item.channel !== "CHAT" || item.contactId === contact?.contactId) return 0;
    const items = chats.chats[item.contactId]?.items || [];
    return unreadCustomerMessages(items).filter((message) => !chats.readSent.has(message.Id))
      .length;
  };

  let body;
  if (view === "settings") {
    body = html`<${SettingsView} desk=${desk} act=${act} close=${close} />`;
  } else if (view === "create-task" && contact) {
    body = html`<${CreateTaskView} desk=${desk} contact=${contact} act=${act} close=${close} />`;
  } else if (view === "number-pad" || view === "quick-connects") {
    body = html`<${DialView} mode=${view} desk=${desk} contact=${contact} act=${act} close=${close} />`;
  } else if (contact) {
    body = html`<${ContactView} contact=${contact} desk=${desk} session=${session} chats=${chats}
      act=${act} now=${now} openView=${open} onShowContact=${select} />`;
  } else {
    body = html`<${Idle} desk=${desk} now=${now} />`;
  }

  return html`<main class=${`ccp ${offered.length ? "ringing" : ""}`}
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
    <p class="visually-hidden" aria-live="assertive">${announcement}</p>
    ${contacts.length > 0 &&
    html`<${ContactTabs} contacts=${contacts} selectedId=${contact?.contactId} onSelect=${select}
      now=${now} unread=${unread} />`}
    ${contact
      ? html`<div class="ccp-body" role="tabpanel" id=${PANEL_ID}
          aria-labelledby=${tabId(contact.contactId)}>${body}</div>`
      : html`<div class="ccp-body">${body}</div>`}
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

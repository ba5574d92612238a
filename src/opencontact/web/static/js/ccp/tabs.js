// One tab per contact of the desk (calls, chats, tasks): its channel, who it is about, its
// state and a timer. A WAI-ARIA tab list: Tab reaches the selected tab, the arrow keys (and
// Home / End) move between tabs and show the contact at once.
import { html } from "../ui.js";
import { channelName, contactTimer, shortStateName, stateName, who } from "./labels.js";

export const PANEL_ID = "contact-panel";

export function tabId(contactId) {
  return `contact-tab-${contactId}`;
}

const STEP = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function ContactTabs({ contacts, selectedId, onSelect, now, unread }) {
  const onKey = (event) => {
    const count = contacts.length;
    const at = Math.max(0, contacts.findIndex((contact) => contact.contactId === selectedId));
    let next;
    if (event.key in STEP) next = (at + STEP[event.key] + count) % count;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = count - 1;
    else return;
    event.preventDefault();
    const id = contacts[next].contactId;
    onSelect(id);
    document.getElementById(tabId(id))?.focus();
  };

  return html`<div class="contact-tabs" role="tablist" aria-label="Contacts" onKeyDown=${onKey}>
    ${contacts.map((contact) => {
      const selected = contact.contactId === selectedId;
      const newMessages = unread?.(contact) || 0;
      const label =
        `${channelName(contact)}: ${who(contact)} (${stateName(contact)})` +
        (newMessages ? `, ${newMessages} new message${newMessages > 1 ? "s" : ""}` : "");
      const classes = [
        "contact-tab",
        `channel-${(contact.channel || "").toLowerCase()}`,
        `state-${(contact.state || "").toLowerCase()}`,
      ];
      return html`<button type="button" role="tab" key=${contact.contactId}
        id=${tabId(contact.contactId)} class=${classes.join(" ")} aria-label=${label}
        aria-selected=${selected} aria-controls=${PANEL_ID} tabindex=${selected ? 0 : -1}
        onClick=${() => onSelect(contact.contactId)}>
        <span class="tab-top">
          <span class="tab-channel">${channelName(contact)}</span>
          <span class="tab-timer">${contactTimer(contact, now)}</span>
        </span>
        <span class="tab-who">${who(contact)}</span>
        <span class="tab-bottom">
          <span class="tab-state">${shortStateName(contact)}</span>
          ${newMessages > 0 && html`<span class="tab-unread">${newMessages}</span>`}
        </span>
      </button>`;
    })}
  </div>`;
}

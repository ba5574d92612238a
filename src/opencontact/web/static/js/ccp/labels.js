// How the CCP names a contact, its channel and its state, and which moment its timer counts
// from: shared by the contact tabs and the contact views.
import { elapsed } from "../ui.js";

/** The channel as the CCP says it: "call", "chat", "task". */
export const CHANNEL = { VOICE: "call", CHAT: "chat", TASK: "task" };

/** "Call", "Chat", "Task". */
export function channelName(contact) {
  const word = CHANNEL[contact.channel] || "contact";
  return word[0].toUpperCase() + word.slice(1);
}

/** Who (or what) the contact is about: the task's name, the customer's name or number. */
export function who(contact) {
  if (contact.channel === "TASK") return contact.name || "Task";
  if (contact.channel === "CHAT") {
    return contact.customer?.displayName || contact.customer?.phoneNumber || "Customer";
  }
  return contact.customer?.phoneNumber || "Unknown number";
}

const STATE = {
  OFFERED: "Incoming",
  CONNECTING: "Connecting",
  CONNECTED: "Connected",
  ON_HOLD: "On hold",
  PAUSED: "Paused",
  AFTER_CONTACT_WORK: "After contact work",
};
const SHORT_STATE = { AFTER_CONTACT_WORK: "ACW" };

/** The agent's side of the contact in words ("Incoming", "On hold", "After contact work"). */
export function stateName(contact) {
  return STATE[contact.state] || contact.state;
}

/** The same, short enough for a tab ("ACW"). */
export function shortStateName(contact) {
  return SHORT_STATE[contact.state] || stateName(contact);
}

/** The moment the contact's timer counts from in its current state. */
export function timerStart(contact) {
  switch (contact.state) {
    case "OFFERED":
      return contact.offeredAt;
    case "PAUSED":
      return contact.pausedAt || contact.connectedAt;
    case "AFTER_CONTACT_WORK":
      return contact.afterContactWorkStartedAt;
    default:
      return contact.connectedAt || contact.initiatedAt;
  }
}

export function contactTimer(contact, now) {
  return elapsed(timerStart(contact), now);
}

/** Order of the tabs: by when the contact reached the agent, oldest first (a stable sort
 * keeps the desk's own order for contacts that came at the same moment). */
export function byArrival(a, b) {
  const at = (contact) => Date.parse(contact.offeredAt || contact.initiatedAt || 0) || 0;
  return at(a) - at(b);
}

// The chats of the agent's desk. Each chat's transcript is read once when the chat appears
// (GET /api/v1/agent/contacts/{id}/transcript: the whole chat, across transfers) and again
// after the feed reconnects; in between, the feed's {"type": "chat"} items keep it current.
// Items are kept by Id, so one that arrives both ways is shown once.
import { api } from "../api.js";
import { useCallback, useEffect, useRef, useState } from "../ui.js";

// How long "… is typing" stays after the customer's last keystroke event.
const TYPING_SHOWN_MS = 6000;
const EMPTY = { items: [], loaded: false, error: null, typing: null };

function sortKey(item) {
  return Date.parse(item.AbsoluteTime) || 0;
}

/**
 * `items` with `more` added or replaced by Id, in time order. Items of the same moment keep
 * the server's order: a transcript (`whole`) comes before what the feed brought meanwhile,
 * and a live item after what is there.
 */
export function mergeItems(items, more, whole = false) {
  const byId = new Map();
  const first = whole ? more : items;
  for (const item of first) byId.set(item.Id, item);
  for (const item of whole ? items : more) {
    if (!whole || !byId.has(item.Id)) byId.set(item.Id, item);
  }
  return [...byId.values()].sort((a, b) => sortKey(a) - sortKey(b));
}

/** The message a delivered / read receipt item acknowledges. */
export function acknowledgedMessageId(item) {
  if (item.MessageMetadata?.MessageId && item.MessageMetadata.MessageId !== item.Id) {
    return item.MessageMetadata.MessageId;
  }
  try {
    return JSON.parse(item.Content || "{}").messageId || null;
  } catch {
    return null;
  }
}

/**
 * For each message, whether the other side has it: Map message id -> {delivered, read}.
 * Receipts come as MESSAGE_DELIVERED / MESSAGE_READ items, or inside the message's own
 * MessageMetadata.Receipts (a transcript read later).
 */
export function receipts(items) {
  const found = new Map();
  const mark = (id, read) => {
    const entry = found.get(id) || { delivered: false, read: false };
    entry.delivered = true;
    entry.read = entry.read || read;
    found.set(id, entry);
  };
  const senders = new Map();
  for (const item of items) {
    if (item.Type === "MESSAGE") senders.set(item.Id, item);
  }
  for (const item of items) {
    if (item.Type === "MESSAGE") {
      for (const receipt of item.MessageMetadata?.Receipts || []) {
        if (receipt.RecipientParticipantId && receipt.RecipientParticipantId === item.ParticipantId) {
          continue;
        }
        if (receipt.ReadTimestamp) mark(item.Id, true);
        else if (receipt.DeliveredTimestamp) mark(item.Id, false);
      }
    } else if (item.Type === "MESSAGE_READ" || item.Type === "MESSAGE_DELIVERED") {
      const id = acknowledgedMessageId(item);
      const message = id && senders.get(id);
      if (!message || message.ParticipantRole === item.ParticipantRole) continue;
      mark(id, item.Type === "MESSAGE_READ");
    }
  }
  return found;
}

/** The customer's messages no agent has read yet. */
export function unreadCustomerMessages(items) {
  const acknowledged = receipts(items);
  return items.filter(
    (item) =>
      item.Type === "MESSAGE" &&
      item.ParticipantRole === "CUSTOMER" &&
      !acknowledged.get(item.Id)?.read,
  );
}

/**
 * {chats, added, readSent}: `chats[contactId]` is {items, loaded, error, typing} (`typing`: the
 * name of the customer while they type); `added(contactId, item)` takes in an item this page
 * made (a message the agent sent); `readSent` is the set of message ids this page has already
 * marked read.
 */
export function useChats({ desk, listen }) {
  const [chats, setChats] = useState({});
  const requested = useRef(new Set());
  const typingTimers = useRef(new Map());
  const readSent = useRef(new Set());

  const update = useCallback((contactId, change) => {
    setChats((all) => ({ ...all, [contactId]: change(all[contactId] || EMPTY) }));
  }, []);

  const showTyping = useCallback(
    (contactId, name) => {
      clearTimeout(typingTimers.current.get(contactId));
      update(contactId, (chat) => ({ ...chat, typing: name }));
      if (name) {
        const timer = setTimeout(() => update(contactId, (chat) => ({ ...chat, typing: null })),
          TYPING_SHOWN_MS);
        typingTimers.current.set(contactId, timer);
      }
    },
    [update],
  );

  const added = useCallback(
    (contactId, item) => update(contactId, (chat) => ({ ...chat, items: mergeItems(chat.items, [item]) })),
    [update],
  );

  useEffect(
    () =>
      listen((message) => {
        // A new connection may have missed items: read every transcript again.
        if (message.type === "snapshot") requested.current.clear();
        if (message.type !== "chat" || !message.item) return;
        const { contactId, item } = message;
        if (item.ParticipantRole === "CUSTOMER") {
          if (item.Type === "TYPING") showTyping(contactId, item.DisplayName || "The customer");
          if (item.Type === "MESSAGE" || item.Type === "PARTICIPANT_LEFT") showTyping(contactId, null);
        }
        if (item.Type !== "TYPING") added(contactId, item);
      }),
    [listen, showTyping, added],
  );

  const chatIds = (desk?.contacts || [])
    .filter((contact) => contact.channel === "CHAT")
    .map((contact) => contact.contactId);
  const key = chatIds.join(" ");

  useEffect(() => {
    for (const contactId of chatIds) {
      if (requested.current.has(contactId)) continue;
      requested.current.add(contactId);
      api.get(`/api/v1/agent/contacts/${contactId}/transcript`).then(
        (answer) =>
          update(contactId, (chat) => ({
            ...chat,
            loaded: true,
            error: null,
            items: mergeItems(chat.items, answer?.items || [], true),
          })),
        (caught) => {
          requested.current.delete(contactId);
          update(contactId, (chat) => ({ ...chat, loaded: true, error: caught }));
        },
      );
    }
    // Chats closed since: forget them.
    const open = new Set(chatIds);
    setChats((all) => {
      const gone = Object.keys(all).filter((id) => !open.has(id));
      if (!gone.length) return all;
      const kept = { ...all };
      for (const id of gone) {
        delete kept[id];
        requested.current.delete(id);
        clearTimeout(typingTimers.current.get(id));
      }
      return kept;
    });
  }, [key, desk]);

  useEffect(() => () => typingTimers.current.forEach((timer) => clearTimeout(timer)), []);

  return { chats, added, readSent: readSent.current };
}

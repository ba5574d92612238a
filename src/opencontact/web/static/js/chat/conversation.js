// What the customer's page knows of a chat, as plain data: the items shown (by Id, so an item
// that arrives twice — pushed live and again in a catch-up transcript — is shown once), the
// receipts on the customer's own messages, and whether the chat has ended. Pure functions; the
// page keeps the value in state.

const EVENT_NAMES = {
  "participant.joined": "PARTICIPANT_JOINED",
  "participant.left": "PARTICIPANT_LEFT",
  "chat.ended": "CHAT_ENDED",
  "transfer.succeeded": "TRANSFER_SUCCEEDED",
  "transfer.failed": "TRANSFER_FAILED",
  typing: "TYPING",
  "message.delivered": "MESSAGE_DELIVERED",
  "message.read": "MESSAGE_READ",
};
const RECEIPT_RANK = { delivered: 1, read: 2 };

export const emptyConversation = () => ({ byId: {}, order: [], receipts: {}, ended: false });

/** The item's type; an "EVENT" names its kind in its content type, as Amazon Connect's do. */
export function itemType(item) {
  if (item.Type !== "EVENT") return item.Type;
  const prefix = "application/vnd.amazonaws.connect.event.";
  const name = (item.ContentType || "").startsWith(prefix)
    ? item.ContentType.slice(prefix.length)
    : "";
  return EVENT_NAMES[name] || "EVENT";
}

/** The message a receipt acknowledges. */
function acknowledged(item) {
  if (item.MessageMetadata?.MessageId) return item.MessageMetadata.MessageId;
  try {
    return JSON.parse(item.Content || "{}").messageId || null;
  } catch {
    return null;
  }
}

function withReceipt(receipts, messageId, kind) {
  if (!messageId) return receipts;
  if ((RECEIPT_RANK[receipts[messageId]] || 0) >= RECEIPT_RANK[kind]) return receipts;
  return { ...receipts, [messageId]: kind };
}

/** Receipts a stored message carries (a transcript's MESSAGE has them in MessageMetadata). */
function carriedReceipts(receipts, item, me) {
  let result = receipts;
  for (const receipt of item.MessageMetadata?.Receipts || []) {
    if (receipt.RecipientParticipantId === me) continue;
    if (receipt.ReadTimestamp) result = withReceipt(result, item.Id, "read");
    else if (receipt.DeliveredTimestamp) result = withReceipt(result, item.Id, "delivered");
  }
  return result;
}

function addOne(state, item, me) {
  const type = itemType(item);
  let { byId, order, receipts, ended } = state;
  if (type === "MESSAGE_DELIVERED" || type === "MESSAGE_READ") {
    // Only what the other side acknowledges counts: the customer's own receipts for the
    // agent's messages say nothing about the customer's messages.
    if (item.ParticipantId !== me && item.ParticipantRole !== "CUSTOMER") {
      receipts = withReceipt(receipts, acknowledged(item), type === "MESSAGE_READ" ? "read" : "delivered");
    }
    return { ...state, receipts };
  }
  if (type === "TYPING" || !item.Id) return state;
  if (type === "MESSAGE") receipts = carriedReceipts(receipts, item, me);
  if (type === "CHAT_ENDED") ended = true;
  const known = Boolean(byId[item.Id]);
  byId = { ...byId, [item.Id]: { ...byId[item.Id], ...item } };
  if (!known) order = [...order, item.Id];
  return { byId, order, receipts, ended };
}

/** The conversation with `items` added (pushed live, or the customer's own just sent). */
export function addItems(state, items, me) {
  return items.reduce((next, item) => addOne(next, item, me), state);
}

/** The conversation after a transcript: the server's order for what it lists, then anything
 * newer this page already had. */
export function mergeTranscript(state, transcript, me) {
  const merged = addItems(state, transcript, me);
  const listed = transcript.filter((item) => merged.byId[item.Id]).map((item) => item.Id);
  const seen = new Set(listed);
  const rest = merged.order.filter((id) => !seen.has(id));
  return { ...merged, order: [...new Set(listed), ...rest] };
}

/** The items to show, in order: messages, and the events the customer has words for. */
export function shownItems(state) {
  return state.order
    .map((id) => state.byId[id])
    .filter((item) => itemType(item) === "MESSAGE" || noticeText(item) !== null);
}

/** "Sent", "Delivered" or "Read" for one of the customer's messages. */
export function receiptWords(state, messageId) {
  const kind = state.receipts[messageId];
  return kind === "read" ? "Read" : kind === "delivered" ? "Delivered" : "Sent";
}

/** Whether the customer has already said they read this message (a transcript's receipts). */
export function readByMe(item, me) {
  return (item.MessageMetadata?.Receipts || []).some(
    (receipt) => receipt.RecipientParticipantId === me && receipt.ReadTimestamp,
  );
}

/** Who an item is from, as the customer reads it. */
export function senderName(item) {
  if (item.ParticipantRole === "CUSTOMER") return "You";
  if (item.ParticipantRole === "SYSTEM" || item.DisplayName === "SYSTEM_MESSAGE") return "System";
  return item.DisplayName || "Agent";
}

/** The sentence of an event item (joined, left, transferred, ended); null for a message. */
export function noticeText(item) {
  const name = item.DisplayName || "The agent";
  switch (itemType(item)) {
    case "PARTICIPANT_JOINED":
      return item.ParticipantRole === "AGENT" ? `${name} joined` : null;
    case "PARTICIPANT_LEFT":
      if (item.ParticipantRole === "AGENT") return `${name} left`;
      return item.ParticipantRole === "CUSTOMER" ? "You left the chat" : null;
    case "TRANSFER_SUCCEEDED":
      return "You are being transferred";
    case "TRANSFER_FAILED":
      return "The transfer did not go through";
    case "CHAT_ENDED":
      return "Chat ended";
    default:
      return null;
  }
}

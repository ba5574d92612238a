// A chat: its transcript (customer on the left, the agent on the right, system messages
// apart), the customer's typing indicator, read receipts on the agent's messages, and the
// composer; End chat, Transfer, then after contact work with Close contact.
import { api } from "../api.js";
import { elapsed, html, useEffect, useLayoutEffect, useRef, useState } from "../ui.js";
import { AfterContactWork, IncomingContact } from "./contact-views.js";
import { receipts, unreadCustomerMessages } from "./chat-store.js";
import { who } from "./labels.js";

// Typing events go to the customer at most this often while the agent types.
const TYPING_EVERY_MS = 3000;
// What the agent was writing in each chat, kept while they look at another tab.
const drafts = new Map();

function clock(iso) {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? ""
    : at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function eventText(item) {
  const name = item.DisplayName || (item.ParticipantRole === "AGENT" ? "An agent" : "The customer");
  switch (item.Type) {
    case "PARTICIPANT_JOINED":
      return `${name} joined the chat`;
    case "PARTICIPANT_LEFT":
      return `${name} left the chat`;
    case "CHAT_ENDED":
      return "The chat ended";
    case "TRANSFER_SUCCEEDED":
      return "Chat transferred";
    case "TRANSFER_FAILED":
      return "The transfer did not succeed";
    case "EVENT":
      return item.Content || null;
    default:
      return null;
  }
}

function receiptText(state) {
  if (state?.read) return "Read";
  if (state?.delivered) return "Delivered";
  return "Sent";
}

function Entry({ item, acknowledged }) {
  if (item.Type !== "MESSAGE") {
    const text = eventText(item);
    if (!text) return null;
    return html`<li class="chat-event"><span>${text}</span>
      <time datetime=${item.AbsoluteTime}>${clock(item.AbsoluteTime)}</time></li>`;
  }
  const role = item.ParticipantRole || "SYSTEM";
  const system = role === "SYSTEM";
  const name = system ? "System" : item.DisplayName || (role === "AGENT" ? "Agent" : "Customer");
  return html`<li class=${`chat-message from-${role.toLowerCase()}`}>
    <div class="bubble">
      <span class="visually-hidden">${`${name}: `}</span>
      <span class="chat-text">${item.Content}</span>
    </div>
    <div class="chat-meta">
      <span aria-hidden="true">${name}</span>
      <time datetime=${item.AbsoluteTime}>${clock(item.AbsoluteTime)}</time>
      ${role === "AGENT" &&
      html`<span class="receipt" data-testid="receipt">${receiptText(acknowledged.get(item.Id))}</span>`}
    </div>
  </li>`;
}

export function Transcript({ chat }) {
  const box = useRef(null);
  const stick = useRef(true);
  const items = chat?.items || [];
  const acknowledged = receipts(items);
  // Follow new lines while the agent is at the bottom; leave them be while they scroll back.
  useLayoutEffect(() => {
    if (box.current && stick.current) box.current.scrollTop = box.current.scrollHeight;
  }, [items.length, chat?.typing]);
  const onScroll = (event) => {
    const el = event.currentTarget;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  return html`<div class="transcript-box">
    <div class="chat-transcript" role="log" aria-live="polite" aria-label="Transcript"
      tabindex="0" ref=${box} onScroll=${onScroll}>
      ${!chat?.loaded && !items.length && html`<p class="muted">Loading the transcript…</p>`}
      ${chat?.error && html`<p class="message error">${`The transcript could not be read: ${chat.error.message}`}</p>`}
      <ol class="chat-lines">
        ${items.map((item) => html`<${Entry} key=${item.Id} item=${item} acknowledged=${acknowledged} />`)}
      </ol>
    </div>
    <p class="typing" aria-live="polite">${chat?.typing ? `${chat.typing} is typing…` : ""}</p>
  </div>`;
}

function Composer({ contactId, onSent }) {
  const [text, setText] = useState(drafts.get(contactId) || "");
  const [problem, setProblem] = useState(null);
  const [sending, setSending] = useState(false);
  const quiet = useRef(null);
  useEffect(() => () => clearTimeout(quiet.current), []);

  const change = (value) => {
    setText(value);
    drafts.set(contactId, value);
    if (quiet.current || !value.trim()) return;
    api.post(`/api/v1/agent/contacts/${contactId}/chat-events`, { type: "typing" }).catch(() => {});
    quiet.current = setTimeout(() => {
      quiet.current = null;
    }, TYPING_EVERY_MS);
  };

  const send = async () => {
    const content = text.trim();
    if (!content || sending) return;
    setSending(true);
    setProblem(null);
    try {
      const item = await api.post(`/api/v1/agent/contacts/${contactId}/messages`, {
        content,
        contentType: "text/plain",
      });
      if (item?.Id) onSent(item);
      setText("");
      drafts.delete(contactId);
    } catch (caught) {
      setProblem(`Not sent: ${caught.message}`);
    } finally {
      setSending(false);
    }
  };

  const onKey = (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return html`<form class="composer" onSubmit=${(event) => { event.preventDefault(); send(); }}>
    <label for=${`message-${contactId}`} class="visually-hidden">Message</label>
    <textarea id=${`message-${contactId}`} rows="2" value=${text} placeholder="Type a message"
      aria-describedby=${`composer-hint-${contactId}`}
      onInput=${(event) => change(event.target.value)} onKeyDown=${onKey}></textarea>
    <button type="submit" class="primary" disabled=${sending || !text.trim()}>Send</button>
    <p class="hint" id=${`composer-hint-${contactId}`}>Enter sends; Shift+Enter starts a new line.</p>
    ${problem && html`<p class="message error" role="alert">${problem}</p>`}
  </form>`;
}

/** Mark the customer's messages read while this chat is on screen and the page is visible. */
function useMarkRead(contactId, items, readSent) {
  useEffect(() => {
    const mark = () => {
      if (document.visibilityState !== "visible") return;
      for (const message of unreadCustomerMessages(items)) {
        if (readSent.has(message.Id)) continue;
        readSent.add(message.Id);
        api
          .post(`/api/v1/agent/contacts/${contactId}/chat-events`, {
            type: "read",
            messageId: message.Id,
          })
          .catch(() => readSent.delete(message.Id));
      }
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [contactId, items, readSent]);
}

export function ChatOffer({ contact, chat, act, now }) {
  const last = [...(chat?.items || [])]
    .reverse()
    .find((item) => item.Type === "MESSAGE" && item.ParticipantRole === "CUSTOMER");
  return html`<${IncomingContact} contact=${contact} act=${act} now=${now}>
    ${last && html`<blockquote class="chat-preview">${last.Content}</blockquote>`}
  </${IncomingContact}>`;
}

export function ChatContact({ contact, chat, chats, act, now, openView }) {
  const base = `/contacts/${contact.contactId}`;
  useMarkRead(contact.contactId, chat?.items || [], chats.readSent);
  const onSent = (item) => chats.added(contact.contactId, item);

  if (contact.state === "AFTER_CONTACT_WORK") {
    return html`<div class="chat-view">
      <${AfterContactWork} contact=${contact} act=${act} now=${now} openView=${openView} />
      <${Transcript} chat=${chat} />
    </div>`;
  }
  const customerLeft = contact.customer && contact.customer.connected === false;
  return html`<section class="contact-card chat connected chat-view" aria-labelledby="contact-title">
    <div class="spread">
      <h2 id="contact-title">Chat</h2>
      <span class="timer" data-testid="contact-timer"
        aria-label="Time on contact">${elapsed(contact.connectedAt || contact.initiatedAt, now)}</span>
    </div>
    <p class="caller" data-testid="caller">${who(contact)}</p>
    ${contact.queue?.name && html`<p class="muted">${`Queue: ${contact.queue.name}`}</p>`}
    <${Transcript} chat=${chat} />
    ${customerLeft
      ? html`<p class="muted">The customer has left the chat.</p>`
      : html`<${Composer} key=${contact.contactId} contactId=${contact.contactId} onSent=${onSent} />`}
    <div class="actions">
      <button type="button" onClick=${() => openView("quick-connects")}>Transfer</button>
      <button type="button" class="danger primary" onClick=${() => act("post", `${base}/end`)}>
        End chat</button>
    </div>
  </section>`;
}

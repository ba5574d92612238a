// The conversation: the log of messages and events (role=log, read out politely as it grows),
// the agent's typing, the composer, End chat with its confirmation, and the ended state with
// the transcript download.
import { html, LiveIndicator, Message, useEffect, useLayoutEffect, useRef, useState } from "../ui.js";
import { itemType, noticeText, receiptWords, senderName } from "./conversation.js";
import { useChat } from "./use-chat.js";

const clock = (iso) => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? ""
    : at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
};

function ChatMessage({ item, conversation }) {
  const role = (item.ParticipantRole || "SYSTEM").toLowerCase();
  const mine = item.ParticipantRole === "CUSTOMER";
  return html`<li class=${`chat-message from-${role}`} data-item-id=${item.Id}>
    <p class="chat-meta">
      <span class="chat-sender">${senderName(item)}</span>
      ${" "}<time datetime=${item.AbsoluteTime}>${clock(item.AbsoluteTime)}</time>
    </p>
    <p class="chat-text">${item.Content}</p>
    ${mine && html`<p class="chat-receipt">${receiptWords(conversation, item.Id)}</p>`}
  </li>`;
}

function Notice({ item }) {
  return html`<li class=${`chat-notice notice-${itemType(item).toLowerCase()}`}>
    <span>${noticeText(item)}</span>
    ${" "}<time datetime=${item.AbsoluteTime}>${clock(item.AbsoluteTime)}</time>
  </li>`;
}

function Outgoing({ entry, retry }) {
  return html`<li class=${`chat-message from-customer outbox ${entry.status}`}>
    <p class="chat-meta"><span class="chat-sender">You</span></p>
    <p class="chat-text">${entry.text}</p>
    <p class="chat-receipt">
      ${entry.status === "failed"
        ? html`Not sent${" "}<button type="button" class="link retry"
            onClick=${() => retry(entry)}>Retry</button>`
        : "Sending…"}
    </p>
  </li>`;
}

function Log({ chat }) {
  const scroller = useRef(null);
  const count = chat.items.length + chat.outbox.length;
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [count, chat.typing]);
  return html`<div class="chat-log" ref=${scroller} role="log" aria-live="polite"
    aria-label="Conversation" tabindex="0">
    <ol>
      ${chat.items.map((item) =>
        itemType(item) === "MESSAGE"
          ? html`<${ChatMessage} key=${item.Id} item=${item} conversation=${chat.conversation} />`
          : html`<${Notice} key=${item.Id} item=${item} />`,
      )}
      ${chat.outbox.map((entry) => html`<${Outgoing} key=${entry.key} entry=${entry} retry=${chat.retry} />`)}
    </ol>
    ${count === 0 && html`<p class="muted chat-empty">Connecting you…</p>`}
  </div>`;
}

function Composer({ chat }) {
  const [text, setText] = useState("");
  const field = useRef(null);
  useEffect(() => field.current?.focus(), []);

  const send = (event) => {
    event?.preventDefault();
    const content = text.trim();
    if (!content) return;
    chat.send(content);
    setText("");
    field.current?.focus();
  };
  const keyDown = (event) => {
    // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition does neither.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) send(event);
  };
  return html`<form class="chat-composer" onSubmit=${send}>
    <label for="chat-message" class="visually-hidden">Message</label>
    <textarea id="chat-message" ref=${field} rows="2" value=${text} maxlength="16384"
      placeholder="Type a message" aria-describedby="chat-composer-hint"
      onKeyDown=${keyDown}
      onInput=${(event) => {
        setText(event.currentTarget.value);
        chat.typingNow();
      }}></textarea>
    <button type="submit" class="primary">Send</button>
    <p id="chat-composer-hint" class="hint">Enter sends · Shift+Enter starts a new line</p>
  </form>`;
}

function ConfirmEnd({ open, onConfirm, onCancel }) {
  const dialog = useRef(null);
  const keep = useRef(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // The safe choice has the focus (set here: autofocus is refused in a cross-origin frame).
      keep.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);
  return html`<dialog ref=${dialog} class="chat-confirm" aria-labelledby="chat-confirm-title"
    onClose=${onCancel}>
    <h2 id="chat-confirm-title">End this chat?</h2>
    <p>You will leave the conversation. You can still download the transcript.</p>
    <div class="row">
      <button type="button" class="danger primary" onClick=${onConfirm}>Yes, end chat</button>
      <button type="button" ref=${keep} onClick=${onCancel}>Keep chatting</button>
    </div>
  </dialog>`;
}

function Ended({ chat, onNewChat, announce }) {
  const heading = useRef(null);
  // Ended while the customer was here: End chat is gone, so focus goes to what replaced it.
  useEffect(() => {
    if (announce) heading.current?.focus();
  }, []);
  const nothing = chat.items.length === 0;
  return html`<section class="chat-ended" aria-labelledby="chat-ended-title">
    <h2 id="chat-ended-title" ref=${heading} tabindex="-1">Chat ended</h2>
    <p class="muted">
      ${nothing && chat.gone
        ? "This chat is over and its conversation can no longer be shown."
        : chat.left
          ? "You left the chat. Thank you for contacting us."
          : "The chat is over. Thank you for contacting us."}
    </p>
    <div class="row">
      ${!nothing &&
      html`<button type="button" class="primary" onClick=${chat.download}>Download transcript</button>`}
      <button type="button" onClick=${onNewChat}>Start a new chat</button>
    </div>
  </section>`;
}

export function Conversation({ saved, onNewChat }) {
  const chat = useChat(saved);
  const [confirming, setConfirming] = useState(false);
  const [ending, setEnding] = useState(false);

  const confirmEnd = async () => {
    setConfirming(false);
    setEnding(true);
    await chat.end();
    setEnding(false);
  };

  return html`<div class="chat-conversation">
    <div class="chat-bar">
      <p class="chat-who">Chatting as <strong>${saved.displayName}</strong></p>
      ${!chat.ended &&
      html`<button type="button" class="danger" disabled=${ending}
        onClick=${() => setConfirming(true)}>End chat</button>`}
    </div>
    ${!chat.ended && html`<${LiveIndicator} state=${chat.live} />`}
    <${Message} error=${chat.error} onDismiss=${chat.clearError} />
    <${Log} chat=${chat} />
    <p class="chat-typing" role="status" aria-live="polite">
      ${chat.typing && !chat.ended ? `${chat.typing.name} is typing…` : ""}
    </p>
    ${chat.ended
      ? html`<${Ended} chat=${chat} onNewChat=${onNewChat} announce=${!saved.ended} />`
      : html`<${Composer} chat=${chat} />`}
    <${ConfirmEnd} open=${confirming} onConfirm=${confirmEnd}
      onCancel=${() => setConfirming(false)} />
  </div>`;
}

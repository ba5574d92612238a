// /chat: the customer's chat with the contact center. A start form (name, optional first
// message), then the conversation over the Amazon Connect Participant Service (/participant/*
// and its WebSocket). No sign-in. The chat is kept in sessionStorage: reloading continues it.
//
// ?instance=demo        the instance to chat with (else the server's single instance)
// ?flow=<contactFlowId> the contact flow that answers (else the instance's default)
// ?embed=1              laid out for the frame of the embeddable widget (chat-widget.js)
import { html, mount, useState } from "./ui.js";
import { Conversation } from "./chat/conversation-view.js";
import { forgetChat, loadChat, saveChat } from "./chat/saved-chat.js";
import { StartForm } from "./chat/start-form.js";

const params = new URLSearchParams(location.search);
const INSTANCE = params.get("instance") || "";
const FLOW = params.get("flow") || "";
const EMBEDDED = params.get("embed") === "1";

/** The chat this tab was in, unless the page now asks for another instance. */
function savedChat() {
  const saved = loadChat();
  if (!saved) return null;
  if (INSTANCE && saved.instance !== INSTANCE) return null;
  return saved;
}

function ChatPage() {
  const [chat, setChat] = useState(savedChat);
  const started = (next) => {
    saveChat(next);
    setChat(next);
  };
  const newChat = () => {
    forgetChat();
    setChat(null);
  };
  return html`<main class=${EMBEDDED ? "chat-page embedded" : "chat-page"}>
    <h1 class=${EMBEDDED ? "visually-hidden" : ""}>Chat with us</h1>
    ${chat
      ? html`<${Conversation} key=${chat.participantToken} saved=${chat} onNewChat=${newChat} />`
      : html`<${StartForm} instance=${INSTANCE} contactFlowId=${FLOW} onStarted=${started} />`}
  </main>`;
}

// In the widget's frame, Escape hides the panel (the frame's keys do not reach the site's page),
// unless a dialog of the page is open: then Escape is the dialog's.
if (EMBEDDED && window.parent !== window) {
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if (document.querySelector("dialog[open]")) return;
    window.parent.postMessage({ opencontactChat: "hide" }, "*");
  });
}

mount(ChatPage);

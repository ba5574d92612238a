// The chat this tab is in, kept in sessionStorage so that reloading the page continues it (and
// a new tab starts its own). Holds the participant token, the customer's name and the ids of
// the agent's messages already marked read; once the chat is over, its conversation.
//
// In the widget's frame the site's page keeps a copy too (chat-widget.js): browsers that block
// a third-party frame's storage would otherwise forget the chat whenever the visitor moves to
// another page of the site. The frame sends each change to the widget, and the widget hands the
// chat back in the frame's URL fragment (#chat=...), which never reaches a server.
const KEY = "opencontact.chat";
const EMBEDDED =
  new URLSearchParams(location.search).get("embed") === "1" && window.parent !== window;

function fromFragment() {
  if (!EMBEDDED || !location.hash.startsWith("#chat=")) return null;
  try {
    return JSON.parse(decodeURIComponent(location.hash.slice("#chat=".length)));
  } catch {
    return null;
  }
}

function fromStorage() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "null");
  } catch {
    return null; // storage refused (a blocked third-party frame, private mode)
  }
}

function tellWidget(chat) {
  if (EMBEDDED) window.parent.postMessage({ opencontactChat: "save", chat }, "*");
}

export function loadChat() {
  const saved = fromStorage() || fromFragment();
  return saved?.participantToken ? saved : null;
}

export function saveChat(chat) {
  tellWidget(chat);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(chat));
  } catch {
    // Storage refused: the chat works; without the widget's copy a reload forgets it.
  }
}

export function forgetChat() {
  tellWidget(null);
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // as above
  }
}

/** A token for ClientToken (crypto.randomUUID needs a secure context; this does not). */
export function randomToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

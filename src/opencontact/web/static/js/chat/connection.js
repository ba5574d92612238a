// The customer's live connection to a chat: a connection token from /participant/connection,
// the WebSocket it names (subscribed to aws/chat, with heartbeats), and a catch-up through
// /participant/transcript every time the socket is (re)opened, so nothing said while the
// connection was down is missed. When the socket drops it reconnects by itself, waiting a
// little longer after each failure, with a fresh connection token each time.
import { createConnection, participantApi } from "./participant.js";

const HEARTBEAT_MS = 10_000;
// No message at all (not even a heartbeat's answer) for this long: the socket is dead.
const SILENCE_MS = 25_000;

function socketUrl(url) {
  if (/^wss?:\/\//.test(url)) return url;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${url.startsWith("/") ? "" : "/"}${url}`;
}

/**
 * Connects a participant. Handlers: onItem(item) for each item pushed, onTranscript(items) after
 * each catch-up, onState("connecting" | "reconnecting" | "live"), onGone(error) when the server no
 * longer lets the participant in (the chat is over), onError(error) for a catch-up that failed.
 */
export function connectChat(participantToken, handlers) {
  let api = null;
  let socket = null;
  let closed = false;
  let attempt = 0;
  let retry = null;
  let heartbeat = null;
  let silence = null;

  const stopTimers = () => {
    clearInterval(heartbeat);
    clearTimeout(silence);
  };
  const heard = () => {
    clearTimeout(silence);
    silence = setTimeout(() => socket?.close(4000, "no heartbeat"), SILENCE_MS);
  };
  const again = () => {
    if (closed) return;
    handlers.onState("reconnecting");
    const wait = Math.min(10_000, 500 * 2 ** attempt);
    attempt += 1;
    retry = setTimeout(open, wait);
  };

  const catchUp = async () => {
    try {
      handlers.onTranscript(await api.transcript());
    } catch (error) {
      if (error.participantGone) handlers.onGone(error);
      else handlers.onError(error);
    }
  };

  const open = async () => {
    if (closed) return;
    handlers.onState(attempt === 0 ? "connecting" : "reconnecting");
    let connection;
    try {
      connection = await createConnection(participantToken);
    } catch (error) {
      if (closed) return;
      if (error.participantGone) {
        closed = true;
        handlers.onGone(error);
      } else again();
      return;
    }
    if (closed) return;
    api = participantApi(connection.ConnectionCredentials.ConnectionToken);
    const ws = new WebSocket(socketUrl(connection.Websocket.Url));
    socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ topic: "aws/subscribe", content: { topics: ["aws/chat"] } }));
      heartbeat = setInterval(() => ws.send(JSON.stringify({ topic: "aws/heartbeat" })), HEARTBEAT_MS);
      heard();
    };
    ws.onmessage = (event) => {
      heard();
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.topic === "aws/subscribe" && message.content?.status === "success") {
        attempt = 0;
        handlers.onState("live");
        catchUp();
      } else if (message.topic === "aws/chat") {
        try {
          handlers.onItem(JSON.parse(message.content));
        } catch {
          // An item the page cannot read is skipped; the next catch-up lists it again.
        }
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      stopTimers();
      socket = null;
      again();
    };
  };

  open();
  return {
    /** The participant calls (message, event, transcript, disconnect); null until connected. */
    get api() {
      return api;
    },
    close() {
      closed = true;
      clearTimeout(retry);
      stopTimers();
      const ws = socket;
      socket = null;
      ws?.close();
    },
    /** Drop the socket as a network failure would (tests, diagnostics). */
    drop() {
      socket?.close(4000, "dropped by the page");
    },
  };
}

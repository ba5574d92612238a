// One chat as the customer's page lives it: the connection, the conversation, the messages on
// their way, the agent's typing, read receipts for the agent's messages, ending and the
// transcript file. The views only render what this returns.
import { useEffect, useRef, useState } from "../ui.js";
import { connectChat } from "./connection.js";
import {
  addItems,
  emptyConversation,
  itemType,
  mergeTranscript,
  readByMe,
  shownItems,
} from "./conversation.js";
import { randomToken, saveChat } from "./saved-chat.js";
import { downloadText, transcriptText } from "./transcript-file.js";

// How long "… is typing" stays without a new typing event (Connect's clients send one every
// few seconds while the person types).
const TYPING_SHOWN_MS = 12_000;
// At most one typing event from the customer in this long.
const TYPING_EVERY_MS = 5_000;

function useVisible() {
  const [visible, setVisible] = useState(document.visibilityState === "visible");
  useEffect(() => {
    const changed = () => setVisible(document.visibilityState === "visible");
    document.addEventListener("visibilitychange", changed);
    return () => document.removeEventListener("visibilitychange", changed);
  }, []);
  return visible;
}

function withoutFirst(list, matches) {
  const at = list.findIndex(matches);
  return at < 0 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
}

export function useChat(chat) {
  const me = chat.participantId;
  // A chat that ended before a reload is shown from the copy kept then: the server no longer
  // lets its participant in.
  const [conversation, setConversation] = useState(() =>
    chat.ended
      ? { ...addItems(emptyConversation(), chat.items || [], me), receipts: chat.receipts || {} }
      : emptyConversation(),
  );
  const [live, setLive] = useState("connecting");
  const [typing, setTyping] = useState(null);
  const [outbox, setOutbox] = useState([]);
  const [error, setError] = useState(null);
  const [left, setLeft] = useState(Boolean(chat.left));
  const [gone, setGone] = useState(false);
  const connection = useRef(null);
  const latest = useRef(conversation);
  latest.current = conversation;
  const readIds = useRef(new Set(chat.readIds || []));
  const typingGate = useRef(true);
  const visible = useVisible();
  const ended = Boolean(chat.ended) || left || gone || conversation.ended;

  useEffect(() => {
    if (chat.ended) return undefined;
    const handlers = {
      onState: setLive,
      onItem(item) {
        setConversation((now) => addItems(now, [item], me));
        const type = itemType(item);
        if (type === "TYPING" && item.ParticipantRole === "AGENT") {
          setTyping({ name: item.DisplayName || "The agent", at: Date.now(), id: item.Id });
        } else if (type === "MESSAGE" && item.ParticipantRole === "AGENT") {
          setTyping(null);
        } else if (type === "MESSAGE" && item.ParticipantRole === "CUSTOMER") {
          // The customer's own message pushed back before its POST answered: it is sent.
          setOutbox((now) => withoutFirst(now, (one) => one.status === "sending" && one.text === item.Content));
        } else if (type === "PARTICIPANT_LEFT" || type === "CHAT_ENDED") {
          setTyping(null);
        }
      },
      onTranscript: (items) => setConversation((now) => mergeTranscript(now, items, me)),
      onGone: () => setGone(true),
      onError: setError,
    };
    const opened = connectChat(chat.participantToken, handlers);
    connection.current = opened;
    window.__opencontactChat = opened;
    return () => opened.close();
  }, [chat.participantToken]);

  // Once the chat is over there is nothing more to hear; what was said is kept for a reload.
  useEffect(() => {
    if (!ended || chat.ended) return;
    connection.current?.close();
    setTyping(null);
    saveChat({
      ...chat,
      ended: true,
      left,
      readIds: [...readIds.current],
      items: shownItems(conversation),
      receipts: conversation.receipts,
    });
  }, [ended, left, conversation]);

  useEffect(() => {
    if (!typing) return undefined;
    const timer = setTimeout(() => setTyping(null), TYPING_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [typing]);

  // The agent's messages the customer has on screen are marked read, once each.
  useEffect(() => {
    const api = connection.current?.api;
    if (!api || !visible || live !== "live" || ended) return;
    for (const item of shownItems(conversation)) {
      if (item.ParticipantRole !== "AGENT" || itemType(item) !== "MESSAGE") continue;
      if (readIds.current.has(item.Id) || readByMe(item, me)) continue;
      readIds.current.add(item.Id);
      api.sendEvent("read", item.Id).catch(() => readIds.current.delete(item.Id));
    }
    saveChat({ ...chat, readIds: [...readIds.current] });
  }, [conversation, visible, live, ended]);

  const deliver = async (entry) => {
    const api = connection.current?.api;
    setOutbox((now) => now.map((one) => (one.key === entry.key ? { ...one, status: "sending" } : one)));
    try {
      if (!api) throw new Error("The chat is still connecting; try again in a moment.");
      const sent = await api.sendMessage(entry.text, entry.key);
      setConversation((now) =>
        addItems(
          now,
          [
            {
              Id: sent.Id,
              Type: "MESSAGE",
              ContentType: "text/plain",
              Content: entry.text,
              ParticipantId: me,
              ParticipantRole: "CUSTOMER",
              DisplayName: chat.displayName,
              AbsoluteTime: sent.AbsoluteTime,
            },
          ],
          me,
        ),
      );
      setOutbox((now) => now.filter((one) => one.key !== entry.key));
    } catch (caught) {
      setError(caught);
      setOutbox((now) => now.map((one) => (one.key === entry.key ? { ...one, status: "failed" } : one)));
    }
  };

  return {
    conversation,
    items: shownItems(conversation),
    outbox,
    live,
    typing,
    error,
    ended,
    gone,
    left,
    clearError: () => setError(null),
    send(text) {
      setError(null);
      const entry = { key: randomToken(), text, status: "sending" };
      setOutbox((now) => [...now, entry]);
      typingGate.current = true;
      deliver(entry);
    },
    retry: deliver,
    typingNow() {
      const api = connection.current?.api;
      if (!api || !typingGate.current || ended) return;
      typingGate.current = false;
      setTimeout(() => {
        typingGate.current = true;
      }, TYPING_EVERY_MS);
      api.sendEvent("typing").catch(() => {});
    },
    /** The customer leaves: the transcript is caught up first, so it can be downloaded. */
    async end() {
      setError(null);
      const api = connection.current?.api;
      if (!api) {
        setError(new Error("The chat is still connecting; try again in a moment."));
        return false;
      }
      try {
        const items = await api.transcript();
        setConversation((now) => mergeTranscript(now, items, me));
      } catch {
        // What the page already has is the transcript then.
      }
      try {
        await api.disconnect();
      } catch (caught) {
        if (!caught.participantGone) {
          setError(caught);
          return false;
        }
      }
      setLeft(true);
      connection.current?.close();
      return true;
    },
    /** The transcript file. Once a chat is over the server no longer answers its participant,
     * so the file is built from the page's copy: the transcript as caught up from
     * /participant/transcript, plus what was pushed live after. */
    download() {
      const text = transcriptText(shownItems(latest.current), chat);
      downloadText(text, `chat-transcript-${chat.contactId}.txt`);
    },
  };
}

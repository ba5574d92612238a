// The first screen: the customer's name and, if they like, their first message. The instance
// comes from ?instance= or, on a server with a single instance, from /api/v1/sessions/options;
// only when neither says is the customer asked for it.
import { html, Message, useEffect, useLayoutEffect, useRef, useState } from "../ui.js";
import { startChat } from "./participant.js";

export function StartForm({ instance: given, contactFlowId, onStarted }) {
  const [instance, setInstance] = useState(given || "");
  const [askInstance, setAskInstance] = useState(false);
  const [ready, setReady] = useState(Boolean(given));
  const [name, setName] = useState("");
  const [firstMessage, setFirstMessage] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const nameField = useRef(null);

  useEffect(() => {
    if (ready) return;
    fetch("/api/v1/sessions/options", { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}))
      .then((options) => {
        if (options.instance) setInstance(options.instance);
        else setAskInstance(true);
        setReady(true);
      });
  }, []);

  useLayoutEffect(() => {
    if (ready) nameField.current?.focus();
  }, [ready]);

  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    if (!name.trim()) {
      setError(new Error("Enter your name to start the chat."));
      nameField.current?.focus();
      return;
    }
    if (!instance.trim()) {
      setError(new Error("Enter the contact center to chat with (its instance alias)."));
      return;
    }
    setBusy(true);
    try {
      const started = await startChat({
        instance: instance.trim(),
        displayName: name.trim(),
        contactFlowId,
        initialMessage: firstMessage.trim() || undefined,
      });
      onStarted({
        instance: instance.trim(),
        contactFlowId: contactFlowId || null,
        contactId: started.ContactId,
        participantId: started.ParticipantId,
        participantToken: started.ParticipantToken,
        displayName: name.trim(),
        readIds: [],
      });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return html`<form class="chat-start card" onSubmit=${submit} aria-busy=${!ready || busy}>
    <p class="muted">Tell us your name and we will connect you with someone who can help.</p>
    <${Message} error=${error} />
    <fieldset disabled=${!ready || busy}>
      ${askInstance &&
      html`<label for="chat-instance">Instance</label>
        <input id="chat-instance" value=${instance} autocomplete="off"
          onInput=${(event) => setInstance(event.currentTarget.value)} />
        <p class="hint">The alias of the contact center's instance, like demo.</p>`}
      <label for="chat-name">Your name</label>
      <input id="chat-name" ref=${nameField} value=${name} autocomplete="name" maxlength="256"
        onInput=${(event) => setName(event.currentTarget.value)} />
      <label for="chat-first-message">First message <span class="muted">(optional)</span></label>
      <textarea id="chat-first-message" rows="3" value=${firstMessage} maxlength="16384"
        onInput=${(event) => setFirstMessage(event.currentTarget.value)}></textarea>
      <button type="submit" class="primary start-button">
        ${busy ? "Starting…" : "Start chat"}
      </button>
    </fieldset>
  </form>`;
}

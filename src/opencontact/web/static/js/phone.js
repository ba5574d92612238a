// /phone: telephones on OpenContact's simulated carrier, for trying the contact center alone.
// "Customer phone" dials a number, shows what the caller hears as it is said, presses keys and
// hangs up. "External phone" is an outside number the contact center calls (a desk phone, a
// transfer destination): its calls ring live, to answer, decline or hang up, and it can be told
// how to behave when called. Only the /sim API and its two live feeds are used; no sign-in.
//
// ?to=+1800...      prefills "Number to call"      ?from=+1555...  prefills "Your number"
// ?number=+1555...  opens "External phone" watching that number (one page per outside party)
import { request } from "./api.js";
import { openLive } from "./live.js";
import {
  html,
  LiveIndicator,
  Message,
  mount,
  useEffect,
  useRef,
  useState,
} from "./ui.js";

const params = new URLSearchParams(location.search);
const DEFAULT_FROM = "+15555550100";
const STATE_WORDS = {
  ringing: "Ringing",
  connected: "Connected",
  on_hold: "On hold",
  ended: "Ended",
};
const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const BEHAVIOURS = [
  ["manual", "Ring until answered here"],
  ["auto", "Answer automatically"],
  ["busy", "Busy"],
  ["no-answer", "No answer"],
];

/** A /sim request; its errors carry the carrier's sentence (`message`) to show as it is. */
const sim = (method, path, body) => request(method, `/sim${path}`, body, { signIn: false });
const inPath = (number) => encodeURIComponent(number.trim());
const clockTime = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });

/** Follows a live feed while `path` is set; returns its connection state. */
function useFeed(path, onMessage, onRefused) {
  const [state, setState] = useState("connecting");
  const handlers = useRef({});
  handlers.current = { onMessage, onRefused };
  useEffect(() => {
    if (!path) return undefined;
    const feed = openLive(path, {
      onMessage: (message) => handlers.current.onMessage(message),
      onState: setState,
      onRefused: (code, reason) => handlers.current.onRefused(code, reason),
    });
    return () => feed.close();
  }, [path]);
  return path ? state : "live";
}

/** Keeps the newest line of a growing list in view. */
function useScrolledToEnd(length) {
  const list = useRef(null);
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [length]);
  return list;
}

// -- what a party hears -----------------------------------------------------------------------

function Transcript({ id, heard, title }) {
  const list = useScrolledToEnd(heard.length);
  return html`<div class="transcript-box">
    <h3 id=${id}>${title}</h3>
    <ol class="transcript" ref=${list} aria-labelledby=${id} aria-live="polite"
      aria-relevant="additions">
      ${heard.map(
        (line, index) => html`<li key=${index}>
          <time datetime=${line.at}>${clockTime(line.at)}</time>
          <span>${line.text}</span>
        </li>`,
      )}
    </ol>
    ${heard.length === 0 && html`<p class="hint">Nothing yet.</p>`}
  </div>`;
}

function StateBadge({ state }) {
  return html`<span class=${`badge state-${state}`}>${STATE_WORDS[state] || state}</span>`;
}

// -- the customer's phone ---------------------------------------------------------------------

function CustomerPhone() {
  const [from, setFrom] = useState(params.get("from") || DEFAULT_FROM);
  const [to, setTo] = useState(params.get("to") || "");
  const [call, setCall] = useState(null);
  const [pressed, setPressed] = useState("");
  const [error, setError] = useState(null);
  const [placing, setPlacing] = useState(false);

  const callId = call?.callId;
  const live = call !== null && call.state !== "ended";
  // Once the call has ended nothing more can happen to it: the feed is closed.
  const feedPath = live ? `/sim/calls/${encodeURIComponent(callId)}/events` : null;
  const feedState = useFeed(
    feedPath,
    (message) => {
      if (message.call?.callId === callId) setCall(message.call);
    },
    (_code, reason) => {
      setError(new Error(reason || "The carrier no longer knows this call."));
      setCall((now) => now && { ...now, state: "ended" });
    },
  );

  const place = async (event) => {
    event.preventDefault();
    setError(null);
    if (!to.trim()) {
      setError(new Error("Enter the number to call, like the demo number printed at start-up."));
      return;
    }
    setPlacing(true);
    try {
      const placed = await sim("POST", "/calls", { from: from.trim(), to: to.trim() });
      // Shown at once; the feed's snapshot follows with the carrier's own view of the call.
      setCall({
        callId: placed.callId,
        from: from.trim(),
        to: to.trim(),
        state: "ringing",
        heard: [],
        contactId: null,
      });
      setPressed("");
    } catch (caught) {
      setError(caught);
    } finally {
      setPlacing(false);
    }
  };

  const act = async (method, path, body) => {
    setError(null);
    try {
      await sim(method, path, body);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };
  const press = async (key) => {
    if (await act("POST", `/calls/${encodeURIComponent(callId)}/dtmf`, { digits: key })) {
      setPressed((keys) => keys + key);
    }
  };
  const hangUp = () => act("DELETE", `/calls/${encodeURIComponent(callId)}`);

  return html`<div class="customer">
    <form class="card dial" onSubmit=${place} novalidate>
      <div class="fields">
        <div>
          <label for="from">Your number</label>
          <input id="from" type="tel" autocomplete="tel" value=${from}
            onInput=${(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label for="to">Number to call</label>
          <input id="to" type="tel" value=${to} placeholder="+1…" aria-describedby="to-hint"
            onInput=${(e) => setTo(e.target.value)} />
        </div>
      </div>
      <p id="to-hint" class="hint">
        The demo instance's number is printed when OpenContact starts
        (<code>opencontact serve --demo</code>, "phone number").
      </p>
      <button type="submit" class="primary ok call-button" disabled=${placing || live}>
        Call
      </button>
    </form>
    <${Message} error=${error} onDismiss=${() => setError(null)} />
    ${call &&
    html`<section class=${`card call state-${call.state}`} aria-labelledby="call-title">
      <${LiveIndicator} state=${feedState} />
      <div class="spread">
        <h2 id="call-title">Call to ${call.to}</h2>
        <div role="status" aria-label="Call state"><${StateBadge} state=${call.state} /></div>
      </div>
      <p class="muted small">
        From ${call.from}${call.contactId ? ` · contact ${call.contactId}` : ""}
      </p>
      <${Transcript} id="heard-title" title="What you hear" heard=${call.heard} />
      <div class="keypad" role="group" aria-label="Keypad">
        ${KEYS.map(
          (key) => html`<button type="button" key=${key} class="key"
            disabled=${call.state !== "connected"} onClick=${() => press(key)}>${key}</button>`,
        )}
      </div>
      <p class="hint" aria-live="polite">
        ${pressed
          ? `You pressed ${pressed}`
          : call.state === "connected"
            ? "Press keys when a menu asks you to."
            : "Keys can be pressed while the call is connected."}
      </p>
      ${live
        ? html`<button type="button" class="primary danger hang-up" onClick=${hangUp}>
            Hang up
          </button>`
        : html`<p class="ended-note">The call has ended. Press Call to call again.</p>`}
    </section>`}
  </div>`;
}

// -- an outside number ------------------------------------------------------------------------

function ExternalCall({ call, onError }) {
  const act = async (method, path) => {
    onError(null);
    try {
      await sim(method, `/calls/${encodeURIComponent(call.callId)}${path}`);
    } catch (caught) {
      onError(caught);
    }
  };
  const ringing = call.state === "ringing";
  return html`<li class=${`card external-call state-${call.state}`}
    aria-label=${`${STATE_WORDS[call.state]} call from ${call.from}`}>
    <div class="spread">
      <div>
        <p class="caller">${call.from}</p>
        <p class="muted small">${ringing ? "Incoming call" : `Call ${call.callId.slice(0, 8)}`}</p>
      </div>
      <${StateBadge} state=${call.state} />
    </div>
    <div class="actions">
      ${ringing
        ? html`<button type="button" class="primary ok" onClick=${() => act("POST", "/answer")}>
              Answer
            </button>
            <button type="button" class="danger" onClick=${() => act("POST", "/reject")}>
              Decline
            </button>`
        : html`<button type="button" class="primary danger" onClick=${() => act("DELETE", "")}>
            Hang up
          </button>`}
    </div>
    ${!ringing &&
    call.heard.length > 0 &&
    html`<${Transcript} id=${`heard-${call.callId}`} title="What you hear" heard=${call.heard} />`}
  </li>`;
}

function Behaviour({ number, behaviour, onSaved }) {
  const [answer, setAnswer] = useState(behaviour.answer);
  const [seconds, setSeconds] = useState(String(behaviour.afterSeconds));
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);

  const save = async (event) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const afterSeconds = answer === "auto" ? Number(seconds.trim() || "0") : 0;
    if (!Number.isFinite(afterSeconds)) {
      setError(new Error("Answer after must be a number of seconds, like 3."));
      return;
    }
    try {
      const saved = await sim("PUT", `/numbers/${inPath(number)}`, { answer, afterSeconds });
      onSaved(saved);
      setNotice(`Saved: ${describe(saved)}.`);
    } catch (caught) {
      setError(caught);
    }
  };

  return html`<form class="card behaviour" onSubmit=${save} novalidate>
    <h2>When this number is called</h2>
    <div class="fields">
      <div>
        <label for="answer-mode">When called</label>
        <select id="answer-mode" value=${answer} onChange=${(e) => setAnswer(e.target.value)}>
          ${BEHAVIOURS.map(([value, words]) => html`<option value=${value}>${words}</option>`)}
        </select>
      </div>
      ${answer === "auto" &&
      html`<div>
        <label for="after-seconds">Answer after (seconds)</label>
        <input id="after-seconds" type="number" min="0" step="1" inputmode="numeric"
          value=${seconds} onInput=${(e) => setSeconds(e.target.value)} />
      </div>`}
    </div>
    <p class="hint">Now: ${describe(behaviour)}. Calls already ringing keep how they began.</p>
    <${Message} error=${error} notice=${notice} />
    <button type="submit" class="primary">Save</button>
  </form>`;
}

function describe({ answer, afterSeconds }) {
  if (answer === "auto") return `answers by itself after ${afterSeconds} s`;
  if (answer === "busy") return "every call hears busy";
  if (answer === "no-answer") return "calls ring until the caller gives up";
  return "calls ring until answered or declined here";
}

function ExternalPhone({ onRinging }) {
  const [typed, setTyped] = useState(params.get("number") || "");
  const [number, setNumber] = useState(null);
  const [behaviour, setBehaviour] = useState(null);
  const [calls, setCalls] = useState([]);
  const [error, setError] = useState(null);

  const watch = async (wanted) => {
    setError(null);
    if (!wanted.trim()) {
      setError(new Error("Enter the phone number to answer, like +15555550123."));
      return;
    }
    try {
      // Also checks the number: the carrier answers with its E.164 form.
      const found = await sim("GET", `/numbers/${inPath(wanted)}`);
      setCalls([]);
      setNumber(found.number);
      setBehaviour(found);
      setTyped(found.number);
      const url = new URL(location.href);
      url.searchParams.set("number", found.number);
      history.replaceState(null, "", url);
    } catch (caught) {
      setError(caught);
    }
  };

  useEffect(() => {
    if (params.get("number")) watch(params.get("number"));
  }, []);

  const feedState = useFeed(
    number ? `/sim/numbers/${inPath(number)}/events` : null,
    (message) => message.calls && setCalls(message.calls),
    (_code, reason) => {
      setError(new Error(reason || "The carrier refused to show this number's calls."));
      setNumber(null);
    },
  );

  const ringing = number ? calls.filter((call) => call.state === "ringing").length : 0;
  useEffect(() => onRinging(ringing), [ringing]);

  return html`<div class="external">
    <form class="card dial" novalidate onSubmit=${(e) => {
      e.preventDefault();
      watch(typed);
    }}>
      <label for="external-number">Phone number</label>
      <div class="row nowrap">
        <input id="external-number" type="tel" value=${typed} placeholder="+15555550123"
          aria-describedby="external-hint" onInput=${(e) => setTyped(e.target.value)} />
        <button type="submit" class="primary">Show calls</button>
      </div>
      <p id="external-hint" class="hint">
        A number the contact center calls: an agent's desk phone, a quick connect such as
        Supervisor mobile (+15555550123 in the demo), an outbound call's customer.
      </p>
    </form>
    <${Message} error=${error} onDismiss=${() => setError(null)} />
    ${number &&
    html`<section class="card calls-at" aria-labelledby="calls-title">
        <${LiveIndicator} state=${feedState} />
        <h2 id="calls-title">Calls to ${number}</h2>
        ${calls.length === 0
          ? html`<p class="muted">No calls right now. Calls to this number appear here as they
              ring.</p>`
          : html`<ul class="external-calls" aria-labelledby="calls-title">
              ${calls.map(
                (call) => html`<${ExternalCall} key=${call.callId} call=${call}
                  onError=${setError} />`,
              )}
            </ul>`}
      </section>
      ${behaviour &&
      html`<${Behaviour} key=${number} number=${number} behaviour=${behaviour}
        onSaved=${setBehaviour} />`}`}
  </div>`;
}

// -- the page ---------------------------------------------------------------------------------

const TABS = [
  ["customer", "Customer phone"],
  ["external", "External phone"],
];

function Phone() {
  const [tab, setTab] = useState(params.get("number") ? "external" : "customer");
  const [ringing, setRinging] = useState(0);
  const tabs = useRef({});

  useEffect(() => {
    document.title = ringing ? `Ringing (${ringing}) · Phone · OpenContact` : "Phone · OpenContact";
  }, [ringing]);

  // Arrow keys move between tabs, as in every tab list.
  const onKeyDown = (event) => {
    const index = TABS.findIndex(([name]) => name === tab);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    let next = null;
    if (step) next = TABS[(index + step + TABS.length) % TABS.length][0];
    if (event.key === "Home") next = TABS[0][0];
    if (event.key === "End") next = TABS[TABS.length - 1][0];
    if (next) {
      event.preventDefault();
      setTab(next);
      tabs.current[next]?.focus();
    }
  };

  return html`<main class="phone-page">
    <header class="phone-header">
      <h1>Phone</h1>
      <p class="muted">A telephone on OpenContact's simulated carrier: prompts are shown as
        text.</p>
    </header>
    <div class="tabs" role="tablist" aria-label="Phone" onKeyDown=${onKeyDown}>
      ${TABS.map(
        ([name, words]) => html`<button type="button" role="tab" id=${`tab-${name}`}
          key=${name} ref=${(element) => (tabs.current[name] = element)}
          aria-selected=${tab === name ? "true" : "false"} aria-controls=${`panel-${name}`}
          tabindex=${tab === name ? "0" : "-1"} onClick=${() => setTab(name)}>
          ${words}${name === "external" && ringing > 0
            ? html` <span class="ring-count">(${ringing} ringing)</span>`
            : ""}
        </button>`,
      )}
    </div>
    <div role="tabpanel" id="panel-customer" aria-labelledby="tab-customer"
      hidden=${tab !== "customer"}>
      <${CustomerPhone} />
    </div>
    <div role="tabpanel" id="panel-external" aria-labelledby="tab-external"
      hidden=${tab !== "external"}>
      <${ExternalPhone} onRinging=${setRinging} />
    </div>
  </main>`;
}

mount(Phone);

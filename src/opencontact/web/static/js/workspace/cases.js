// The Cases panel of /agent-app-v2 (API: /api/v1/cases, docs/cases.md). With a contact on
// screen: the cases linked to it (and the customer's, when a customer profile id is known),
// "Create case" from the contact, and "Link this contact" on an open case. Without one: search.
// Every request is checked by the server (Cases.View / Cases.Create / Cases.Edit); a refusal
// shows the server's sentence.
import { api } from "../api.js";
import { html, Message, useEffect, useState } from "../ui.js";

const STATUSES = [
  ["open", "Open"],
  ["pending", "Pending"],
  ["closed", "Closed"],
];
const STATUS_WORDS = Object.fromEntries(STATUSES);

// Another panel (Customer profile) may say which profile the contact on screen belongs to:
//   document.dispatchEvent(new CustomEvent("workspace:customer-profile",
//     { detail: { contactId, profileId } }))
// The contact's `customerProfileId` or its `customerProfileId` attribute are read too.
const PROFILE_EVENT = "workspace:customer-profile";
// Heard from the moment the page loads: only the selected tab's panel is drawn, so the profile
// is often announced while the Cases panel is not on screen.
let lastAnnounced = null;
document.addEventListener(PROFILE_EVENT, (event) => {
  lastAnnounced = event.detail || null;
});

function profileOf(contact, announced) {
  if (!contact) return null;
  if (announced && announced.contactId === contact.contactId) return announced.profileId;
  return contact.customerProfileId || contact.attributes?.customerProfileId || null;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function userName(ref) {
  if (!ref) return "Nobody";
  return ref.name || ref.username || "A deleted user";
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function CasesPanel({ contact }) {
  const [view, setView] = useState({ kind: "list" });
  const [notice, setNotice] = useState(null);
  const [announced, setAnnounced] = useState(lastAnnounced);
  const contactId = contact?.contactId || null;

  useEffect(() => {
    const hear = (event) => setAnnounced(event.detail || null);
    document.addEventListener(PROFILE_EVENT, hear);
    return () => document.removeEventListener(PROFILE_EVENT, hear);
  }, []);
  // A new contact on screen: back to its cases (an open case stays open, to link it).
  useEffect(() => {
    setView((current) => (current.kind === "create" ? { kind: "list" } : current));
    setNotice(null);
  }, [contactId]);

  const profileId = profileOf(contact, announced);
  const open = (caseId, words = null) => {
    setNotice(words);
    setView({ kind: "case", caseId });
  };
  const back = () => {
    setNotice(null);
    setView({ kind: "list" });
  };

  return html`<div class="cases">
    ${view.kind === "create"
      ? html`<${CreateCase} contact=${contact} profileId=${profileId} onCancel=${back}
          onCreated=${(made) => open(made.caseId, `Case ${made.referenceNumber} created.`)} />`
      : view.kind === "case"
        ? html`<${CaseDetail} key=${view.caseId} caseId=${view.caseId} contact=${contact}
            greeting=${notice} onBack=${back} />`
        : html`<${CaseLists} contact=${contact} profileId=${profileId} onOpen=${open}
            onCreate=${() => setView({ kind: "create" })} />`}
  </div>`;
}

function CaseLists({ contact, profileId, onOpen, onCreate }) {
  return html`<div class="case-lists">
    ${contact &&
    html`<section aria-labelledby="cases-of-contact">
      <div class="spread">
        <h3 id="cases-of-contact">Cases of this contact</h3>
        <button type="button" class="primary small" onClick=${onCreate}>Create case</button>
      </div>
      <${CaseList} path=${`/api/v1/cases${query({ contactId: contact.contactId })}`}
        empty="No case is linked to this contact yet." onOpen=${onOpen} />
    </section>`}
    ${contact && profileId &&
    html`<section aria-labelledby="cases-of-customer">
      <h3 id="cases-of-customer">This customer's cases</h3>
      <${CaseList} path=${`/api/v1/cases${query({ customerId: profileId })}`}
        empty="This customer has no cases." onOpen=${onOpen} />
    </section>`}
    <${CaseSearch} onOpen=${onOpen} />
  </div>`;
}

/** The cases one search finds, newest first, with "More cases" while there are more. */
function CaseList({ path, empty, onOpen }) {
  const [cases, setCases] = useState(null);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let current = true;
    setCases(null);
    setError(null);
    api.get(path).then(
      (answer) => {
        if (!current) return;
        setCases(answer.cases);
        setNext(answer.nextToken);
      },
      (problem) => current && setError(problem),
    );
    return () => {
      current = false;
    };
  }, [path]);
  const more = async () => {
    try {
      const joiner = path.includes("?") ? "&" : "?";
      const answer = await api.get(`${path}${joiner}nextToken=${encodeURIComponent(next)}`);
      setCases([...cases, ...answer.cases]);
      setNext(answer.nextToken);
    } catch (problem) {
      setError(problem);
    }
  };
  if (error) return html`<${Message} error=${error} />`;
  if (!cases) return html`<p class="muted">Loading…</p>`;
  if (!cases.length) return html`<p class="muted">${empty}</p>`;
  return html`<ul class="case-list">
      ${cases.map(
        (item) => html`<li key=${item.caseId}>
          <button type="button" class="case-link" onClick=${() => onOpen(item.caseId)}>
            <span class="case-title">${item.title}</span>
            <span class="case-meta">
              <span class=${`case-status ${item.status}`}>${STATUS_WORDS[item.status]}</span>
              <span>Reference ${item.referenceNumber}</span>
              <span>${when(item.createdAt)}</span>
            </span>
          </button>
        </li>`,
      )}
    </ul>
    ${next && html`<button type="button" class="small" onClick=${more}>More cases</button>`}`;
}

function CaseSearch({ onOpen }) {
  const [text, setText] = useState("");
  const [status, setStatus] = useState("");
  const [path, setPath] = useState("/api/v1/cases");
  const search = (event) => {
    event.preventDefault();
    setPath(`/api/v1/cases${query({ text: text.trim(), status })}`);
  };
  return html`<section aria-labelledby="cases-search">
    <h3 id="cases-search">Find cases</h3>
    <form class="case-search" role="search" aria-labelledby="cases-search" onSubmit=${search}>
      <div>
        <label for="case-search-text">Title, summary or reference</label>
        <input id="case-search-text" type="search" value=${text} maxlength="200"
          onInput=${(e) => setText(e.target.value)} />
      </div>
      <div>
        <label for="case-search-status">Status</label>
        <select id="case-search-status" value=${status}
          onChange=${(e) => setStatus(e.target.value)}>
          <option value="">Any status</option>
          ${STATUSES.map(([value, words]) => html`<option value=${value}>${words}</option>`)}
        </select>
      </div>
      <button type="submit">Search</button>
    </form>
    <${CaseList} path=${path} empty="No case matches." onOpen=${onOpen} />
  </section>`;
}

function CreateCase({ contact, profileId, onCancel, onCreated }) {
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [status, setStatus] = useState("open");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => document.getElementById("case-title")?.focus(), []);
  const create = async (event) => {
    event.preventDefault();
    if (!title.trim()) return setError(new Error("Give the case a title."));
    setBusy(true);
    setError(null);
    const body = { title: title.trim(), summary: summary.trim(), status };
    if (contact) body.contactId = contact.contactId;
    if (profileId) body.customerId = profileId;
    try {
      onCreated(await api.post("/api/v1/cases", body));
    } catch (problem) {
      setError(problem);
      setBusy(false);
    }
    return null;
  };
  return html`<section aria-labelledby="case-create-title">
    <div class="spread">
      <h3 id="case-create-title">Create case</h3>
      <button type="button" class="link" onClick=${onCancel}>Cancel</button>
    </div>
    ${contact &&
    html`<p class="hint">The contact on screen${contact.customer?.phoneNumber
      ? ` (${contact.customer.phoneNumber})`
      : ""} is linked to the new case.</p>`}
    <form onSubmit=${create} novalidate>
      <label for="case-title">Title</label>
      <input id="case-title" value=${title} maxlength="200" required
        onInput=${(e) => setTitle(e.target.value)} />
      <label for="case-summary">Summary</label>
      <textarea id="case-summary" rows="4" maxlength="4000" value=${summary}
        onInput=${(e) => setSummary(e.target.value)}></textarea>
      <label for="case-status">Status</label>
      <select id="case-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
        ${STATUSES.map(([value, words]) => html`<option value=${value}>${words}</option>`)}
      </select>
      <${Message} error=${error} />
      <div class="row"><button type="submit" class="primary" disabled=${busy}>
        Create case</button></div>
    </form>
  </section>`;
}

function CaseDetail({ caseId, contact, greeting, onBack }) {
  const [item, setItem] = useState(null);
  const [related, setRelated] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(greeting);

  const load = async () => {
    try {
      const [found, items] = await Promise.all([
        api.get(`/api/v1/cases/${caseId}`),
        api.get(`/api/v1/cases/${caseId}/related-items?maxResults=100`),
      ]);
      setItem(found);
      setRelated(items.relatedItems);
      setError(null);
    } catch (problem) {
      setError(problem);
    }
  };
  useEffect(() => {
    setItem(null);
    setRelated(null);
    load();
  }, [caseId]);

  const linkContact = async () => {
    setError(null);
    try {
      await api.post(`/api/v1/cases/${caseId}/contacts`, { contactId: contact.contactId });
      setNotice("This contact is linked to the case.");
      await load();
    } catch (problem) {
      setError(problem);
    }
  };

  const back = html`<button type="button" class="link" onClick=${onBack}>
    <span aria-hidden="true">← </span>All cases</button>`;
  if (!item) {
    return html`<div>${back}${error ? html`<${Message} error=${error} />`
      : html`<p class="muted">Loading…</p>`}</div>`;
  }
  const comments = related.filter((r) => r.type === "Comment");
  const contacts = related.filter((r) => r.type === "Contact");
  const linked = contact && contacts.some((r) => r.contact.contactId === contact.contactId);
  return html`<article class="case-detail" aria-labelledby="case-heading">
    ${back}
    <h3 id="case-heading">${item.title}</h3>
    <${Message} error=${error} onDismiss=${() => setError(null)} />
    <${Message} notice=${notice} onDismiss=${() => setNotice(null)} />
    <dl class="case-facts">
      <dt>Reference</dt><dd>${item.referenceNumber}</dd>
      <dt>Status</dt>
      <dd><span class=${`case-status ${item.status}`}>${STATUS_WORDS[item.status]}</span></dd>
      <dt>Customer</dt><dd>${item.customerId || "Not set"}</dd>
      <dt>Assignee</dt><dd>${userName(item.assignee)}</dd>
      <dt>Created</dt><dd>${when(item.createdAt)} by ${userName(item.createdBy)}</dd>
      <dt>Last changed</dt><dd>${when(item.updatedAt)} by ${userName(item.updatedBy)}</dd>
      ${item.closedAt && html`<dt>Closed</dt><dd>${when(item.closedAt)}</dd>`}
    </dl>
    <${EditCase} item=${item} onSaved=${(saved) => {
      setItem(saved);
      setNotice("Case saved.");
    }} />
    <section aria-labelledby="case-contacts-heading">
      <div class="spread">
        <h4 id="case-contacts-heading">Linked contacts</h4>
        ${contact && !linked &&
        html`<button type="button" class="small" onClick=${linkContact}>
          Link this contact</button>`}
      </div>
      ${contacts.length
        ? html`<ul class="case-related">${contacts.map(
            (r) => html`<li key=${r.relatedItemId}>
              <span class="case-channel">${r.contact.channel}</span>
              <code>${r.contact.contactId}</code>
              ${contact?.contactId === r.contact.contactId &&
              html`<strong> (on screen)</strong>`}
              <span class="muted"> · ${when(r.associatedAt)}</span>
            </li>`,
          )}</ul>`
        : html`<p class="muted">No contact is linked.</p>`}
    </section>
    <${Comments} caseId=${caseId} comments=${comments} onAdded=${load} />
  </article>`;
}

function EditCase({ item, onSaved }) {
  const [status, setStatus] = useState(item.status);
  const [summary, setSummary] = useState(item.summary);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setStatus(item.status);
    setSummary(item.summary);
  }, [item.caseId, item.updatedAt]);
  const changed = status !== item.status || summary.trim() !== item.summary;
  const save = async (event) => {
    event.preventDefault();
    const body = {};
    if (status !== item.status) body.status = status;
    if (summary.trim() !== item.summary) body.summary = summary.trim();
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.patch(`/api/v1/cases/${item.caseId}`, body));
    } catch (problem) {
      setError(problem);
    }
    setBusy(false);
  };
  return html`<form class="case-edit" onSubmit=${save} aria-label="Edit case">
    <label for="case-edit-status">Status</label>
    <select id="case-edit-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
      ${STATUSES.map(([value, words]) => html`<option value=${value}>${words}</option>`)}
    </select>
    <label for="case-edit-summary">Summary</label>
    <textarea id="case-edit-summary" rows="4" maxlength="4000" value=${summary}
      onInput=${(e) => setSummary(e.target.value)}></textarea>
    <${Message} error=${error} />
    <div class="row"><button type="submit" class="primary" disabled=${busy || !changed}>
      Save case</button></div>
  </form>`;
}

function Comments({ caseId, comments, onAdded }) {
  const [text, setText] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const add = async (event) => {
    event.preventDefault();
    if (!text.trim()) return setError(new Error("Write the comment first."));
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/cases/${caseId}/comments`, { body: text.trim() });
      setText("");
      await onAdded();
    } catch (problem) {
      setError(problem);
    }
    setBusy(false);
    return null;
  };
  return html`<section aria-labelledby="case-comments-heading">
    <h4 id="case-comments-heading">Comments</h4>
    ${comments.length
      ? html`<ol class="case-comments">${comments.map(
          (r) => html`<li key=${r.relatedItemId}>
            <p class="case-comment-body">${r.comment.body}</p>
            <p class="muted">${userName(r.createdBy)} · ${when(r.associatedAt)}</p>
          </li>`,
        )}</ol>`
      : html`<p class="muted">No comments yet.</p>`}
    <form onSubmit=${add} novalidate>
      <label for="case-comment">New comment</label>
      <textarea id="case-comment" rows="3" maxlength="15000" value=${text}
        onInput=${(e) => setText(e.target.value)}></textarea>
      <${Message} error=${error} />
      <div class="row"><button type="submit" disabled=${busy}>Add comment</button></div>
    </form>
  </section>`;
}

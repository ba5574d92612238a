// The Customer profile panel of /agent-app-v2 (API: /api/v1/customer-profiles,
// docs/customer-profiles.md). With a contact on screen — from the moment it is offered — the
// customer is looked up by the caller's number (a chat: its email/phone attributes) and their
// profile shown with past contacts; an unknown customer gets "Create profile" (one click, from
// the contact); "Edit" opens a form during the contact or in after-contact work. Without a
// contact: a search by phone, email, name or account number. The server checks every request
// (CustomerProfiles.View / .Create / .Edit); a refusal shows its sentence.
import { api } from "../api.js";
import { html, Message, useEffect, useRef, useState } from "../ui.js";

const BASE = "/api/v1/customer-profiles";
// The Cases panel listens for the profile of the contact on screen.
const PROFILE_EVENT = "workspace:customer-profile";

const NAME_FIELDS = [
  ["FirstName", "First name"],
  ["LastName", "Last name"],
];
const PHONE_FIELDS = [
  ["PhoneNumber", "Phone number"],
  ["MobilePhoneNumber", "Mobile phone"],
  ["HomePhoneNumber", "Home phone"],
  ["BusinessPhoneNumber", "Business phone"],
];
const EMAIL_FIELDS = [
  ["EmailAddress", "Email"],
  ["BusinessEmailAddress", "Business email"],
];
const OTHER_FIELDS = [["AccountNumber", "Account number"]];
const ADDRESS_FIELDS = [
  ["Address1", "Address line 1"],
  ["Address2", "Address line 2"],
  ["City", "City"],
  ["State", "State or region"],
  ["PostalCode", "Postal code"],
  ["Country", "Country"],
];
const FORM_FIELDS = [...NAME_FIELDS, ...PHONE_FIELDS, ...EMAIL_FIELDS, ...OTHER_FIELDS];
const CHANNELS = { VOICE: "Call", CHAT: "Chat", TASK: "Task", EMAIL: "Email" };
const SEARCH_KEYS = [
  ["_phone", "Phone number"],
  ["_email", "Email"],
  ["_fullName", "Name"],
  ["_account", "Account number"],
];

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function words(reason) {
  if (!reason) return "";
  const text = reason.toLowerCase().replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function announce(contactId, profileId) {
  document.dispatchEvent(new CustomEvent(PROFILE_EVENT, { detail: { contactId, profileId } }));
}

/** What identifies the contact's customer: a new lookup when it changes. */
function customerKey(contact) {
  if (!contact) return "";
  const attributes = contact.attributes || {};
  return [contact.contactId, contact.customer?.phoneNumber || "",
    attributes.email || attributes.phone || ""].join("|");
}

export function CustomerProfilePanel({ contact }) {
  const key = customerKey(contact);
  return html`<div class="customer-profile">
    ${contact
      ? html`<${ContactCustomer} key=${key} contact=${contact} />`
      : html`<${ProfileSearch} />`}
  </div>`;
}

/** The profile(s) of the contact's customer, or "Create profile" for an unknown one. */
function ContactCustomer({ contact }) {
  const [lookup, setLookup] = useState(null);
  const [error, setError] = useState(null);
  const [chosen, setChosen] = useState(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState(null);
  const [notice, setNotice] = useState(null);
  const contactId = contact.contactId;

  useEffect(() => {
    let current = true;
    api.get(`${BASE}/for-contact/${encodeURIComponent(contactId)}`).then(
      (answer) => {
        if (!current) return;
        setLookup(answer);
        if (answer.Items.length) announce(contactId, answer.Items[0].ProfileId);
      },
      (problem) => current && setError(problem),
    );
    return () => {
      current = false;
    };
  }, [contactId]);

  if (error) return html`<${Message} error=${error} />`;
  if (!lookup) return html`<p class="muted" role="status">Looking up the customer…</p>`;

  const create = async () => {
    setCreating(true);
    setCreateError(null);
    try {
      const made = await api.post(BASE, lookup.SuggestedProfile);
      setLookup({ ...lookup, Items: [made.Profile] });
      setChosen(made.ProfileId);
      setNotice("Profile created.");
      announce(contactId, made.ProfileId);
    } catch (problem) {
      setCreateError(problem);
    } finally {
      setCreating(false);
    }
  };

  const replaced = (profile) =>
    setLookup({
      ...lookup,
      Items: lookup.Items.map((p) => (p.ProfileId === profile.ProfileId ? profile : p)),
    });

  const profiles = lookup.Items;
  if (!profiles.length) {
    const suggested = lookup.SuggestedProfile;
    const who = suggested.PhoneNumber || suggested.EmailAddress || null;
    const canCreate = Object.keys(suggested).length > 0;
    return html`<div class="profile-unknown">
      <p>${who ? html`No customer profile for <strong>${who}</strong>.`
        : "This contact does not say who the customer is (no phone number or email)."}</p>
      ${createError && html`<${Message} error=${createError} />`}
      ${canCreate &&
      html`<button type="button" class="primary" disabled=${creating} onClick=${create}>
        Create profile</button>`}
      ${!canCreate && html`<${ProfileSearch} />`}
    </div>`;
  }
  const profile = profiles.find((p) => p.ProfileId === chosen) || profiles[0];
  return html`<div>
    <${Message} notice=${notice} onDismiss=${() => setNotice(null)} />
    ${profiles.length > 1 &&
    html`<div class="profile-choice">
      <label for="profile-choice">${profiles.length} profiles match this customer</label>
      <select id="profile-choice" value=${profile.ProfileId}
        onChange=${(e) => {
          setChosen(e.target.value);
          announce(contactId, e.target.value);
        }}>
        ${profiles.map((p) => html`<option value=${p.ProfileId}>${title(p)}</option>`)}
      </select>
    </div>`}
    <${ProfileCard} key=${profile.ProfileId} profile=${profile} onChanged=${replaced}
      refresh=${contact.state} />
  </div>`;
}

function title(profile) {
  return profile.FullName || profile.PhoneNumber || profile.EmailAddress ||
    profile.AccountNumber || "Unnamed customer";
}

/** One profile: its details and past contacts, and the edit form behind "Edit". */
function ProfileCard({ profile, onChanged, onBack, refresh }) {
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState(null);
  const editButton = useRef(null);
  const saved = (changed) => {
    setEditing(false);
    setNotice("Profile saved.");
    onChanged(changed);
    setTimeout(() => editButton.current?.focus());
  };
  const cancelled = () => {
    setEditing(false);
    setTimeout(() => editButton.current?.focus());
  };
  if (editing) {
    return html`<${ProfileForm} profile=${profile} onSaved=${saved} onCancel=${cancelled} />`;
  }
  return html`<article class="profile-card" aria-labelledby="profile-name">
    <div class="spread">
      <h3 id="profile-name">${title(profile)}</h3>
      <div class="row">
        ${onBack && html`<button type="button" class="small" onClick=${onBack}>Back</button>`}
        <button type="button" class="small" ref=${editButton}
          onClick=${() => { setNotice(null); setEditing(true); }}>Edit</button>
      </div>
    </div>
    <${Message} notice=${notice} onDismiss=${() => setNotice(null)} />
    <${ProfileFacts} profile=${profile} />
    <${PastContacts} profileId=${profile.ProfileId} version=${profile.Version}
      refresh=${refresh} />
  </article>`;
}

function ProfileFacts({ profile }) {
  const facts = [];
  for (const [field, label] of [...PHONE_FIELDS, ...EMAIL_FIELDS, ...OTHER_FIELDS]) {
    if (profile[field]) facts.push([label, profile[field]]);
  }
  if (profile.PersonalEmailAddress) facts.push(["Personal email", profile.PersonalEmailAddress]);
  const address = profile.Address || {};
  const lines = [
    address.Address1, address.Address2, address.Address3, address.Address4,
    [address.PostalCode, address.City].filter(Boolean).join(" "),
    [address.State || address.Province, address.Country].filter(Boolean).join(", "),
  ].filter(Boolean);
  const attributes = Object.entries(profile.Attributes || {});
  return html`<dl class="profile-facts">
    ${facts.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
    ${lines.length > 0 &&
    html`<dt>Address</dt><dd>${lines.map((line) => html`<span class="line">${line}</span>`)}</dd>`}
    ${attributes.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}
  </dl>`;
}

/** The profile's contact history (ListProfileObjects), newest first. */
function PastContacts({ profileId, version, refresh }) {
  const [items, setItems] = useState(null);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  const path = `${BASE}/${profileId}/objects?MaxResults=10`;
  useEffect(() => {
    let current = true;
    api.get(path).then(
      (answer) => {
        if (!current) return;
        setItems(answer.Items.map((item) => JSON.parse(item.Object)));
        setNext(answer.NextToken);
      },
      (problem) => current && setError(problem),
    );
    return () => {
      current = false;
    };
  }, [path, version, refresh]);
  const more = async () => {
    try {
      const answer = await api.get(`${path}&NextToken=${encodeURIComponent(next)}`);
      setItems([...items, ...answer.Items.map((item) => JSON.parse(item.Object))]);
      setNext(answer.NextToken);
    } catch (problem) {
      setError(problem);
    }
  };
  return html`<section class="profile-history" aria-labelledby="profile-history">
    <h4 id="profile-history">Past contacts</h4>
    ${error ? html`<${Message} error=${error} />`
      : !items ? html`<p class="muted">Loading…</p>`
      : !items.length ? html`<p class="muted">No contacts yet.</p>`
      : html`<ul class="profile-contacts">
          ${items.map((record) => html`<li key=${record.ContactId}>
            <span class="profile-channel">${CHANNELS[record.Channel] || record.Channel}</span>
            <time datetime=${record.InitiationTimestamp}>${when(record.InitiationTimestamp)}</time>
            <span class="muted">
              ${[record.Queue?.Name, record.Agent?.Name || record.Agent?.Username,
                record.DisconnectTimestamp ? words(record.DisconnectReason) : "In progress"]
                .filter(Boolean).join(" · ")}
            </span>
          </li>`)}
        </ul>`}
    ${next && html`<button type="button" class="small" onClick=${more}>More contacts</button>`}
  </section>`;
}

/** The edit form: Save sends only what changed (an emptied field is cleared). */
function ProfileForm({ profile, onSaved, onCancel }) {
  const initial = () => {
    const values = {};
    for (const [field] of FORM_FIELDS) values[field] = profile[field] || "";
    for (const [field] of ADDRESS_FIELDS) values[field] = profile.Address?.[field] || "";
    return values;
  };
  const [values, setValues] = useState(initial);
  const [attributes, setAttributes] = useState(() =>
    Object.entries(profile.Attributes || {}).map(([name, value]) => ({ name, value })));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const form = useRef(null);
  useEffect(() => form.current?.querySelector("input")?.focus(), []);

  const set = (field) => (event) => setValues({ ...values, [field]: event.target.value });
  const save = async (event) => {
    event.preventDefault();
    const body = { ExpectedVersion: profile.Version };
    for (const [field] of FORM_FIELDS) {
      if (values[field].trim() !== (profile[field] || "")) body[field] = values[field].trim();
    }
    const address = {};
    for (const [field] of ADDRESS_FIELDS) {
      if (values[field].trim() !== (profile.Address?.[field] || "")) {
        address[field] = values[field].trim();
      }
    }
    if (Object.keys(address).length) body.Address = address;
    const wanted = {};
    for (const { name, value } of attributes) if (name.trim()) wanted[name.trim()] = value.trim();
    const before = profile.Attributes || {};
    const changes = {};
    for (const [name, value] of Object.entries(wanted)) {
      if (before[name] !== value) changes[name] = value;
    }
    for (const name of Object.keys(before)) if (!(name in wanted)) changes[name] = "";
    if (Object.keys(changes).length) body.Attributes = changes;
    if (Object.keys(body).length === 1) return onCancel();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.put(`${BASE}/${profile.ProfileId}`, body);
      onSaved(answer.Profile);
    } catch (problem) {
      setError(problem);
      setBusy(false);
    }
  };
  const keys = (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };
  const field = ([name, label]) => html`<div class="profile-field">
    <label for=${`profile-${name}`}>${label}</label>
    <input id=${`profile-${name}`} name=${name} value=${values[name]} maxlength="255"
      type=${name.includes("Email") ? "email" : name.includes("Phone") ? "tel" : "text"}
      autocomplete="off" onInput=${set(name)} />
  </div>`;
  return html`<form class="profile-form" ref=${form} onSubmit=${save} onKeyDown=${keys}
    aria-labelledby="profile-form-title" novalidate>
    <h3 id="profile-form-title">Edit ${title(profile)}</h3>
    ${error && html`<${Message} error=${error} />`}
    <fieldset><legend>Name</legend>${NAME_FIELDS.map(field)}</fieldset>
    <fieldset><legend>Phone numbers</legend>${PHONE_FIELDS.map(field)}</fieldset>
    <fieldset><legend>Email and account</legend>
      ${[...EMAIL_FIELDS, ...OTHER_FIELDS].map(field)}</fieldset>
    <fieldset><legend>Address</legend>${ADDRESS_FIELDS.map(field)}</fieldset>
    <fieldset class="profile-attributes"><legend>Attributes</legend>
      ${attributes.map((row, index) => html`<div class="profile-attribute" key=${index}>
        <label for=${`attribute-name-${index}`} class="visually-hidden">Attribute ${index + 1} name</label>
        <input id=${`attribute-name-${index}`} placeholder="Name" value=${row.name} maxlength="255"
          onInput=${(e) => setAttributes(attributes.map((r, i) =>
            (i === index ? { ...r, name: e.target.value } : r)))} />
        <label for=${`attribute-value-${index}`} class="visually-hidden">Attribute ${index + 1} value</label>
        <input id=${`attribute-value-${index}`} placeholder="Value" value=${row.value} maxlength="255"
          onInput=${(e) => setAttributes(attributes.map((r, i) =>
            (i === index ? { ...r, value: e.target.value } : r)))} />
        <button type="button" class="small" aria-label=${`Remove attribute ${row.name || index + 1}`}
          onClick=${() => setAttributes(attributes.filter((_, i) => i !== index))}>Remove</button>
      </div>`)}
      <button type="button" class="small"
        onClick=${() => setAttributes([...attributes, { name: "", value: "" }])}>Add attribute</button>
    </fieldset>
    <div class="row">
      <button type="submit" class="primary" disabled=${busy}>Save</button>
      <button type="button" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}

/** No contact on screen: find a customer (SearchProfiles). */
function ProfileSearch() {
  const [keyName, setKeyName] = useState("_phone");
  const [text, setText] = useState("");
  const [found, setFound] = useState(null);
  const [error, setError] = useState(null);
  const [open, setOpen] = useState(null);
  const search = async (event) => {
    event.preventDefault();
    setError(null);
    if (!text.trim()) return setError(new Error("Type what to search for."));
    try {
      const answer = await api.post(`${BASE}/search`, { KeyName: keyName, Values: [text.trim()] });
      setFound(answer.Items);
      setOpen(null);
    } catch (problem) {
      setError(problem);
    }
  };
  const profile = found?.find((p) => p.ProfileId === open);
  if (profile) {
    return html`<${ProfileCard} profile=${profile} onBack=${() => setOpen(null)}
      onChanged=${(changed) => setFound(found.map((p) =>
        (p.ProfileId === changed.ProfileId ? changed : p)))} />`;
  }
  return html`<section aria-labelledby="profile-search">
    <h3 id="profile-search">Find a customer</h3>
    <form class="profile-search" role="search" aria-labelledby="profile-search" onSubmit=${search}>
      <div>
        <label for="profile-search-key">Search by</label>
        <select id="profile-search-key" value=${keyName}
          onChange=${(e) => setKeyName(e.target.value)}>
          ${SEARCH_KEYS.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select>
      </div>
      <div>
        <label for="profile-search-text">Phone number, email or name</label>
        <input id="profile-search-text" type="search" value=${text} maxlength="255"
          onInput=${(e) => setText(e.target.value)} />
      </div>
      <button type="submit">Search</button>
    </form>
    ${error && html`<${Message} error=${error} />`}
    ${found && !found.length && html`<p class="muted" role="status">No profile matches.</p>`}
    ${found && found.length > 0 && html`<ul class="profile-results">
      ${found.map((p) => html`<li key=${p.ProfileId}>
        <button type="button" class="profile-link" onClick=${() => setOpen(p.ProfileId)}>
          <span class="profile-title">${title(p)}</span>
          <span class="muted">${[p.PhoneNumber, p.EmailAddress].filter(Boolean).join(" · ")}</span>
        </button>
      </li>`)}
    </ul>`}
  </section>`;
}

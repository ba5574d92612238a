// One instance: its overview, the pages its users sign in to, its telephony switches
// (UpdateInstanceAttribute) and deleting it (with confirmation).
import { html, Message, useEffect, useRef, useState } from "../ui.js";
import { connect } from "./client.js";
import { enabled, formatTime, identityName, instanceLogin, regionName } from "./words.js";

export function InstanceDetail({ instanceId, known, region, onChanged, onDeleted, notice }) {
  const [instance, setInstance] = useState(known || null);
  const [error, setError] = useState(null);
  const [status, setStatus] = useState(notice || null);
  const [saving, setSaving] = useState(null);
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    let current = true;
    connect("DescribeInstance", { InstanceId: instanceId }).then(
      (answer) => {
        if (!current) return;
        setInstance(answer.Instance);
        onChanged(answer.Instance);
      },
      (caught) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [instanceId]);

  useEffect(() => setStatus(notice || null), [notice]);

  const toggle = async (attribute, value, words) => {
    setError(null);
    setStatus(null);
    // The switch shows the asked-for position at once, and the instance's once it answers.
    setSaving({ attribute, value });
    try {
      await connect("UpdateInstanceAttribute", {
        InstanceId: instanceId,
        AttributeType: attribute,
        Value: value ? "true" : "false",
      });
      const answer = await connect("DescribeInstance", { InstanceId: instanceId });
      setInstance(answer.Instance);
      onChanged(answer.Instance);
      setStatus(`${words} ${value ? "enabled" : "disabled"}.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(null);
    }
  };

  if (!instance) {
    return html`<section>
      <p><a href="#/">Instances</a></p>
      ${error ? html`<${Message} error=${error} />` : html`<p role="status">Loading the instance…</p>`}
    </section>`;
  }

  const alias = instance.InstanceAlias;
  const name = alias || instance.Id;
  return html`<section class="instance-detail" aria-labelledby="instance-heading">
    <p><a href="#/">Instances</a> › ${name}</p>
    <div class="spread">
      <h1 id="instance-heading">${name}</h1>
      <button type="button" class="danger" onClick=${() => setDeleting(true)}>Delete</button>
    </div>
    <${Message} error=${error} notice=${!error && status} onDismiss=${() => {
      setError(null);
      setStatus(null);
    }} />
    ${alias &&
    html`<div class="card sign-in-links">
      <h2>Sign in to this instance</h2>
      <p class="hint">Users of the instance sign in with their own username and password.</p>
      <div class="row">
        <a class="button primary" href=${instanceLogin(alias, "/admin")}>Open admin website</a>
        <a class="button" href=${instanceLogin(alias, "/ccp-v2")}>Open Contact Control Panel</a>
      </div>
    </div>`}
    <div class="card">
      <h2>Overview</h2>
      <dl class="overview">
        <dt>Instance alias</dt><dd>${alias || "—"}</dd>
        <dt>Instance ID</dt><dd><code>${instance.Id}</code></dd>
        <dt>Instance ARN</dt><dd><code>${instance.Arn}</code></dd>
        <dt>Access URL</dt>
        <dd>${instance.InstanceAccessUrl
          ? html`<a href=${instance.InstanceAccessUrl}>${instance.InstanceAccessUrl}</a>`
          : "—"}</dd>
        <dt>Region</dt><dd>${regionName(region)}</dd>
        <dt>Status</dt><dd>${instance.InstanceStatus === "ACTIVE" ? "Active" : instance.InstanceStatus}</dd>
        <dt>Created</dt><dd>${formatTime(instance.CreatedTime)}</dd>
        <dt>Identity management</dt><dd>${identityName(instance.IdentityManagementType)}</dd>
        ${instance.ServiceRole && html`<dt>Service-linked role</dt><dd><code>${instance.ServiceRole}</code></dd>`}
      </dl>
    </div>
    <div class="card">
      <h2>Telephony</h2>
      <${Switch} id="switch-inbound" label="Inbound calls"
        hint="Handle incoming calls with Amazon Connect."
        checked=${position(saving, "INBOUND_CALLS", instance.InboundCallsEnabled)}
        busy=${saving?.attribute === "INBOUND_CALLS"}
        onToggle=${(value) => toggle("INBOUND_CALLS", value, "Inbound calls")} />
      <${Switch} id="switch-outbound" label="Outbound calls"
        hint="Make outbound calls with Amazon Connect."
        checked=${position(saving, "OUTBOUND_CALLS", instance.OutboundCallsEnabled)}
        busy=${saving?.attribute === "OUTBOUND_CALLS"}
        onToggle=${(value) => toggle("OUTBOUND_CALLS", value, "Outbound calls")} />
    </div>
    ${deleting &&
    html`<${DeleteDialog} instance=${instance}
      onCancel=${() => setDeleting(false)}
      onDeleted=${() => onDeleted(instance)} />`}
  </section>`;
}

function position(saving, attribute, current) {
  return saving?.attribute === attribute ? saving.value : current;
}

function Switch({ id, label, hint, checked, busy, onToggle }) {
  return html`<div class="switch-row">
    <label class="check" for=${id}>
      <input id=${id} type="checkbox" role="switch" checked=${!!checked} disabled=${busy}
        aria-describedby=${`${id}-hint`} onChange=${(e) => onToggle(e.target.checked)} />
      ${label}
      <span class="muted state">${busy ? "Saving…" : enabled(checked)}</span>
    </label>
    <p class="hint indent" id=${`${id}-hint`}>${hint}</p>
  </div>`;
}

function DeleteDialog({ instance, onCancel, onDeleted }) {
  const dialog = useRef(null);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const word = instance.InstanceAlias || "delete";

  useEffect(() => {
    const element = dialog.current;
    element.showModal();
    return () => element.open && element.close();
  }, []);

  const submit = async (event) => {
    event.preventDefault();
    if (typed !== word) {
      setError(new Error(`Type ${word} to confirm.`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await connect("DeleteInstance", { InstanceId: instance.Id });
      onDeleted();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return html`<dialog ref=${dialog} class="card confirm" aria-labelledby="delete-heading"
      aria-describedby="delete-words"
      onCancel=${(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}>
    <form onSubmit=${submit} novalidate>
      <h2 id="delete-heading">Delete instance</h2>
      <p id="delete-words">
        Deleting <strong>${instance.InstanceAlias || instance.Id}</strong>${" "}removes its
        users, queues, flows, phone numbers and contact records. This cannot be undone.</p>
      <label for="confirm-delete">To confirm, type ${word}</label>
      <input id="confirm-delete" value=${typed} autocomplete="off" spellcheck="false"
        onInput=${(e) => setTyped(e.target.value)} />
      <${Message} error=${error} />
      <div class="row end">
        <button type="button" onClick=${onCancel} disabled=${busy}>Cancel</button>
        <button type="submit" class="danger primary" disabled=${busy || typed !== word}>
          Delete</button>
      </div>
    </form>
  </dialog>`;
}

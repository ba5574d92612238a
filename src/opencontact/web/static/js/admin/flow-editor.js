// One flow in the designer: its diagram, the settings panel of the block that is open, and
// Save (a draft: UpdateContactFlowContent on `<id>:$SAVED`) / Publish (UpdateContactFlowContent
// on the plain id, which checks the flow and makes it the one that runs).
import { html, Message, useEffect, useMemo, useRef, useState } from "../ui.js";
import { adminCall } from "./connect.js";
import { AppLink, FlowError, flowTypeName, StatusBadge } from "./flow-common.js";
import { blockName, branchesOf, parameterFields } from "./flow-blocks.js";
import { FlowDiagram, readFlow } from "./flow-diagram.js";

const SAVED = "$SAVED";

export function FlowEditor({ flowId, navigate }) {
  const [flow, setFlow] = useState(null); // DescribeContactFlow's ContactFlow (latest saved)
  const [doc, setDoc] = useState(null); // the document being edited
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    // `<id>:$SAVED` is the latest content: the draft if there is one, else what is published;
    // it also works for a flow that was never published.
    const { ContactFlow } = await adminCall("DescribeContactFlow", {
      ContactFlowId: `${flowId}:${SAVED}`,
    });
    setFlow(ContactFlow);
    setDoc(readFlow(ContactFlow.Content).doc);
    setDirty(false);
  };
  useEffect(() => {
    load().catch(setError);
  }, [flowId]);

  const read = useMemo(
    () => (doc ? readFlow(JSON.stringify(doc)) : flow ? readFlow(flow.Content) : null),
    [doc, flow],
  );
  const actions = read?.actions || [];
  const open = actions.find((a) => a.Identifier === selected) || null;

  const change = (next) => {
    setDoc(next);
    setDirty(true);
    setNotice(null);
  };
  const replaceAction = (identifier, action) => {
    change({
      ...doc,
      Actions: doc.Actions.map((a) => (a && a.Identifier === identifier ? action : a)),
    });
  };
  const content = () => (dirty ? JSON.stringify(doc, null, 2) : flow.Content);

  const run = async (operation, reference, done) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await adminCall(operation, { ContactFlowId: reference, Content: content() });
      await load();
      setNotice(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(
      "UpdateContactFlowContent",
      `${flowId}:${SAVED}`,
      "Saved as a draft. Publish to make it the version that runs.",
    );
  const publish = () => run("UpdateContactFlowContent", flowId, "Published. This version now runs.");
  const discard = () => {
    setDoc(readFlow(flow.Content).doc);
    setDirty(false);
    setError(null);
    setNotice("Changes discarded.");
  };

  const closePanel = () => {
    const id = selected;
    setSelected(null);
    // Back to the block the panel was opened from, for keyboard users.
    requestAnimationFrame(() => {
      const block = document.querySelector(`.flow-block[data-block-id="${CSS.escape(id)}"]`);
      block?.focus();
    });
  };

  if (!flow) {
    return html`<section class="flows-page">
      <p><${AppLink} href="/admin/flows" navigate=${navigate}>Flows<//></p>
      ${error ? html`<${FlowError} error=${error} />` : html`<p role="status">Loading flow…</p>`}
    </section>`;
  }
  const canPublish = dirty || flow.Status === "SAVED";
  return html`<section class="flows-page" aria-labelledby="flow-title">
    <p><${AppLink} href="/admin/flows" navigate=${navigate}>Flows<//></p>
    <div class="flow-header">
      <div>
        <h1 id="flow-title">${flow.Name}</h1>
        <dl>
          <div><dt>Type</dt><dd>${flowTypeName(flow.Type)}</dd></div>
          <div><dt>Status</dt><dd><${StatusBadge} status=${flow.Status} />
            ${flow.Status === "SAVED" && " (draft saved: publish it to make it run)"}</dd></div>
          ${flow.Description && html`<div><dt>Description</dt><dd>${flow.Description}</dd></div>`}
        </dl>
      </div>
      <div class="row">
        ${dirty && html`<span class="muted" role="status">Unsaved changes</span>`}
        ${dirty && html`<button type="button" onClick=${discard} disabled=${busy}>Discard changes</button>`}
        <button type="button" onClick=${save} disabled=${busy || !dirty}>Save</button>
        <button type="button" class="primary" onClick=${publish} disabled=${busy || !canPublish}>
          Publish</button>
      </div>
    </div>
    <${FlowError} error=${error} />
    <${Message} notice=${notice} />
    ${read?.error && html`<div class="message error" role="alert">${read.error}</div>`}
    <div class=${"flow-editor" + (open ? "" : " no-panel")}>
      ${!read?.error &&
      html`<${FlowDiagram} doc=${doc} actions=${actions} selected=${selected}
        onOpen=${(id) => setSelected(id)} />`}
      ${open &&
      html`<${BlockPanel} key=${open.Identifier} action=${open} actions=${actions}
        onChange=${(next) => replaceAction(open.Identifier, next)} onClose=${closePanel} />`}
    </div>
    <${ContentEditor} content=${dirty ? JSON.stringify(doc, null, 2) : flow.Content}
      onApply=${(text) => {
        const parsed = readFlow(text);
        if (!parsed.doc) throw new Error(parsed.error);
        change(parsed.doc);
      }} />
  </section>`;
}

/** The whole content as JSON, for what the block panels do not offer. */
function ContentEditor({ content, onApply }) {
  const [text, setText] = useState(content);
  const [problem, setProblem] = useState(null);
  useEffect(() => setText(content), [content]);
  const apply = () => {
    try {
      onApply(text);
      setProblem(null);
    } catch (e) {
      setProblem(e.message);
    }
  };
  return html`<details class="card">
    <summary>Flow content (JSON)</summary>
    <label for="flow-json">Content</label>
    <textarea id="flow-json" class="json" spellcheck="false" rows="14" value=${text}
      onInput=${(e) => setText(e.currentTarget.value)}></textarea>
    ${problem && html`<div class="message error" role="alert">${problem}</div>`}
    <div class="row actions"><button type="button" onClick=${apply}>Apply JSON</button></div>
  </details>`;
}

function fieldId(name) {
  return `block-param-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** A parameter's value from what was typed, kept in the type it had (exports use strings). */
function typedValue(text, previous) {
  if (typeof previous === "number" && text.trim() !== "" && Number.isFinite(Number(text))) {
    return Number(text);
  }
  return text;
}

function ParameterField({ field, onSet }) {
  const id = fieldId(field.name);
  const { value } = field;
  if (value !== null && typeof value === "object") {
    return html`<${JsonField} id=${id} field=${field} onSet=${onSet} />`;
  }
  if (typeof value === "boolean") {
    return html`<label class="check" for=${id}>
      <input id=${id} type="checkbox" checked=${value}
        onChange=${(e) => onSet(e.currentTarget.checked)} /> ${field.name}</label>`;
  }
  const text = value === undefined || value === null ? "" : String(value);
  // Emptying a suggested field leaves the parameter out; other parameters stay, even empty.
  const set = (raw) => onSet(raw === "" && field.suggested ? undefined : typedValue(raw, value));
  let input;
  if (field.choices) {
    const choices = field.choices.includes(text) || text === "" ? field.choices : [text, ...field.choices];
    input = html`<select id=${id} value=${text} onChange=${(e) => set(e.currentTarget.value)}>
      <option value="">(not set)</option>
      ${choices.map((c) => html`<option key=${c} value=${c}>${c}</option>`)}
    </select>`;
  } else if (field.long || text.length > 60) {
    input = html`<textarea id=${id} rows="3" value=${text}
      onInput=${(e) => set(e.currentTarget.value)}></textarea>`;
  } else {
    input = html`<input id=${id} value=${text} onInput=${(e) => set(e.currentTarget.value)} />`;
  }
  return html`<label for=${id}>${field.name}</label>${input}`;
}

function JsonField({ id, field, onSet }) {
  const [text, setText] = useState(() => JSON.stringify(field.value, null, 2));
  const [problem, setProblem] = useState(null);
  const onInput = (event) => {
    const raw = event.currentTarget.value;
    setText(raw);
    try {
      onSet(JSON.parse(raw));
      setProblem(null);
    } catch (e) {
      setProblem(`${field.name} is not valid JSON yet: ${e.message}`);
    }
  };
  return html`<label for=${id}>${field.name} (JSON)</label>
    <textarea id=${id} class="json" rows="4" spellcheck="false" value=${text}
      onInput=${onInput} aria-invalid=${problem ? "true" : "false"}></textarea>
    ${problem && html`<div class="message error" role="alert">${problem}</div>`}`;
}

/** The settings of one block: its parameters and where each branch goes. */
function BlockPanel({ action, actions, onChange, onClose }) {
  const heading = useRef(null);
  useEffect(() => heading.current?.focus(), []);
  const name = blockName(action);
  const fields = parameterFields(action);
  const branches = branchesOf(action);

  const setParameter = (parameter, value) => {
    const params = { ...(action.Parameters || {}) };
    if (value === undefined) delete params[parameter];
    else params[parameter] = value;
    onChange({ ...action, Parameters: params });
  };
  const setTarget = (branch, target) => {
    const transitions = { ...(action.Transitions || {}) };
    if (branch.kind === "next") transitions.NextAction = target;
    else {
      const listName = branch.kind === "condition" ? "Conditions" : "Errors";
      transitions[listName] = transitions[listName].map((entry, i) =>
        i === branch.index ? { ...entry, NextAction: target } : entry,
      );
    }
    onChange({ ...action, Transitions: transitions });
  };
  const onKeyDown = (event) => {
    if (event.key === "Escape") onClose();
  };

  return html`<aside class="card block-panel" aria-labelledby="block-panel-title"
      onKeyDown=${onKeyDown}>
    <h2 id="block-panel-title" tabindex="-1" ref=${heading}>${name}</h2>
    <p class="muted id">${action.Type} · ${action.Identifier}</p>
    <h3>Settings</h3>
    ${fields.length === 0 && html`<p class="empty">This block has no settings.</p>`}
    ${fields.map((field) => html`<${ParameterField} key=${field.name} field=${field}
      onSet=${(value) => setParameter(field.name, value)} />`)}
    ${fields.length > 0 && html`<p class="hint">Leave a field empty to leave it out.</p>`}
    <h3 style="margin-top:1rem">Branches</h3>
    ${branches.length === 0 && html`<p class="empty">This block ends the flow.</p>`}
    <ul class="branches">
      ${branches.map((branch, i) => {
        const id = `block-branch-${i}`;
        const word = branch.kind === "error" && branch.errorType !== branch.label
          ? `${branch.label} (${branch.errorType})`
          : branch.label;
        const known = actions.some((a) => a.Identifier === branch.target);
        return html`<li key=${i}>
          <label for=${id}>${word}</label>
          <select id=${id} value=${branch.target || ""}
              onChange=${(e) => setTarget(branch, e.currentTarget.value)}>
            ${!known && html`<option value=${branch.target || ""}>
              ${branch.target ? `${branch.target} (missing)` : "(none)"}</option>`}
            ${actions.map((a) => html`<option key=${a.Identifier} value=${a.Identifier}>
              ${blockName(a)}: ${a.Identifier}</option>`)}
          </select>
        </li>`;
      })}
    </ul>
    <div class="panel-buttons">
      <button type="button" onClick=${onClose}>Close</button>
    </div>
  </aside>`;
}

// One flow in the designer: the palette of blocks to add, its diagram (blocks moved by
// dragging or the arrow keys), the settings panel of the block that is open (parameters,
// where each branch goes, Remove block), the start block, and Save (a draft:
// UpdateContactFlowContent on `<id>:$SAVED`) / Publish (UpdateContactFlowContent on the plain
// id, which checks the flow and makes it the one that runs). The problems the server finds on
// Publish are shown on the blocks they name.
import { html, Message, useEffect, useMemo, useRef, useState } from "../ui.js";
import { adminCall } from "./connect.js";
import { useConfirmDelete } from "./kit.js";
import { AppLink, FlowError, flowProblems, flowTypeName, StatusBadge } from "./flow-common.js";
import {
  blockName,
  branchesOf,
  branchWords,
  newAction,
  parameterFields,
  problemsByBlock,
} from "./flow-blocks.js";
import { FlowDiagram, freePlace, layoutFlow, pinPositions, readFlow } from "./flow-diagram.js";
import { BlockPalette } from "./flow-palette.js";

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
  const layout = useMemo(
    () => (read && !read.error ? layoutFlow(read.doc, actions) : null),
    [read],
  );
  const problems = useMemo(() => problemsByBlock(flowProblems(error)), [error]);
  const view = useRef(null);
  const confirm = useConfirmDelete();

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
  const focusBlock = (id) =>
    requestAnimationFrame(() => {
      document.querySelector(`.flow-block[data-block-id="${CSS.escape(id)}"]`)?.focus();
    });

  const moveBlock = (id, x, y) => change(pinPositions(doc, layout, { id, x, y }));
  const addBlock = (type) => {
    const action = newAction(type);
    // Next to the open block (below it when the right would be out of view), else in the
    // middle of what the diagram shows.
    const seen = view.current?.visible() || { x: 0, y: 0, w: 600, h: 400 };
    const beside = layout.blocks.find((b) => b.id === selected);
    let wanted = { x: seen.x + seen.w / 2 - 100, y: seen.y + seen.h / 3 };
    if (beside) {
      const right = beside.x + beside.w + 60;
      wanted = right + beside.w <= seen.x + seen.w
        ? { x: right, y: beside.y }
        : { x: beside.x, y: beside.y + beside.h + 40 };
    }
    const place = freePlace(layout, wanted.x, wanted.y);
    let next = { ...doc, Actions: [...doc.Actions, action] };
    // The first block of an empty flow (or one whose start is gone) is where it starts.
    if (!actions.some((a) => a.Identifier === doc.StartAction)) {
      next.StartAction = action.Identifier;
    }
    next = pinPositions(next, layout, { id: action.Identifier, ...place });
    change(next);
    setSelected(action.Identifier);
    setNotice(`Added ${blockName(action)}. Connect its branches in its settings.`);
    requestAnimationFrame(() => {
      const block = document.querySelector(`.flow-block[data-block-id="${CSS.escape(action.Identifier)}"]`);
      block?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
    });
  };
  const setStart = (id) => change({ ...doc, StartAction: id });
  const removeBlock = (action) => {
    const id = action.Identifier;
    const name = blockName(action);
    // Every branch that leads to the block: it is left not connected.
    const cleared = [];
    for (const other of actions) {
      if (other.Identifier === id) continue;
      for (const branch of branchesOf(other)) {
        if (branch.target === id) cleared.push(`${blockName(other)} → ${branchWords(branch)}`);
      }
    }
    const told = cleared.length
      ? ` The branches that lead to it will not be connected: ${cleared.join("; ")}.`
      : " No branch leads to it.";
    confirm.ask(
      `Remove ${name}?`,
      `The block ${name} (${id}) and its settings go.${told}`,
      () => {
        const next = {
          ...doc,
          Actions: doc.Actions.filter((a) => !(a && a.Identifier === id)).map((a) =>
            a && a.Transitions ? { ...a, Transitions: withoutTarget(a.Transitions, id) } : a,
          ),
        };
        const metadata = next.Metadata?.ActionMetadata;
        if (metadata && metadata[id]) {
          const { [id]: _gone, ...rest } = metadata;
          next.Metadata = { ...next.Metadata, ActionMetadata: rest };
        }
        change(next);
        setSelected(null);
        setNotice(
          cleared.length
            ? `Removed ${name}. Not connected now: ${cleared.join("; ")}.`
            : `Removed ${name}.`,
        );
      },
      "Remove",
    );
  };

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
    focusBlock(id);
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
    <${Message} notice=${notice} error=${confirm.error} />
    ${read?.error && html`<div class="message error" role="alert">${read.error}</div>`}
    ${problems.start.length > 0 &&
    html`<p class="message error">Start block: ${problems.start.join(" ")}</p>`}
    <div class=${"flow-editor" + (open ? "" : " no-panel") + (layout ? "" : " no-palette")}>
      ${layout && html`<${BlockPalette} onAdd=${addBlock} />`}
      ${layout &&
      html`<${FlowDiagram} layout=${layout} selected=${selected} problems=${problems.byBlock}
        viewRef=${view} onOpen=${(id) => setSelected(id)} onMove=${moveBlock}
        toolbar=${html`<${StartChoice} actions=${actions} start=${doc?.StartAction}
          onChange=${setStart} />`} />`}
      ${open &&
      html`<${BlockPanel} key=${open.Identifier} action=${open} actions=${actions}
        isStart=${open.Identifier === doc?.StartAction}
        problems=${problems.byBlock[open.Identifier] || []}
        onChange=${(next) => replaceAction(open.Identifier, next)} onClose=${closePanel}
        onRemove=${() => removeBlock(open)} />`}
    </div>
    ${confirm.dialog}
    <${ContentEditor} content=${dirty ? JSON.stringify(doc, null, 2) : flow.Content}
      onApply=${(text) => {
        const parsed = readFlow(text);
        if (!parsed.doc) throw new Error(parsed.error);
        change(parsed.doc);
      }} />
  </section>`;
}

/** Transitions with every branch to `id` no longer connected (NextAction left out, or ""). */
function withoutTarget(transitions, id) {
  const next = { ...transitions };
  if (next.NextAction === id) delete next.NextAction;
  for (const list of ["Conditions", "Errors"]) {
    if (Array.isArray(next[list])) {
      next[list] = next[list].map((b) => (b && b.NextAction === id ? { ...b, NextAction: "" } : b));
    }
  }
  return next;
}

/** Which block the entry point leads to (the flow's StartAction). */
function StartChoice({ actions, start, onChange }) {
  const known = actions.some((a) => a.Identifier === start);
  return html`<span class="start-choice">
    <label for="flow-start">Start block</label>
    <select id="flow-start" value=${known ? start : ""}
        onChange=${(e) => e.currentTarget.value && onChange(e.currentTarget.value)}>
      ${!known && html`<option value="">(choose the start block)</option>`}
      ${actions.map((a) => html`<option key=${a.Identifier} value=${a.Identifier}>
        ${blockName(a)}: ${a.Identifier}</option>`)}
    </select>
  </span>`;
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
function BlockPanel({ action, actions, isStart, problems, onChange, onClose, onRemove }) {
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
    // "" is "not connected": Success is left out, a condition or error keeps its place.
    if (branch.kind === "next" && target === "") delete transitions.NextAction;
    else if (branch.kind === "next") transitions.NextAction = target;
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
    ${isStart && html`<p class="hint">This is the start block: the entry point leads here.</p>`}
    ${problems.length > 0 && html`<div class="message error block-problems">
      <div><strong>Problems found on Publish:</strong>
        <ul class="flow-problems">${problems.map((p, i) => html`<li key=${i}>${p}</li>`)}</ul>
      </div></div>`}
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
        const word = branchWords(branch);
        const known = actions.some((a) => a.Identifier === branch.target);
        return html`<li key=${i}>
          <label for=${id}>${word}</label>
          <select id=${id} value=${branch.target || ""}
              onChange=${(e) => setTarget(branch, e.currentTarget.value)}>
            <option value="">(not connected)</option>
            ${!known && branch.target && html`<option value=${branch.target}>
              ${branch.target} (missing)</option>`}
            ${actions.map((a) => html`<option key=${a.Identifier} value=${a.Identifier}>
              ${blockName(a)}: ${a.Identifier}</option>`)}
          </select>
        </li>`;
      })}
    </ul>
    <div class="panel-buttons">
      <button type="button" onClick=${onClose}>Close</button>
      <button type="button" class="danger" onClick=${onRemove} disabled=${isStart}
        aria-describedby=${isStart ? "remove-start-hint" : undefined}>Remove block</button>
    </div>
    ${isStart && html`<p class="hint" id="remove-start-hint">To remove the start block, choose
      another Start block first.</p>`}
  </aside>`;
}

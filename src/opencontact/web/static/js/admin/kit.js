// What every admin section is built from: in-page navigation, data that re-reads itself when
// the events feed says its kinds changed, and the form pieces (labelled fields, Save/Cancel,
// the delete confirmation) so that every page looks and behaves the same.
import { html, useCallback, useEffect, useRef, useState } from "../ui.js";

// -- navigation -----------------------------------------------------------------------------

/** Go to another admin page without reloading: main.js listens for this event. */
export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event("admin:navigate"));
}

/** A real link (opens in a new tab with a modifier key) that navigates in-page otherwise. */
export function Link({ href, children, ...rest }) {
  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}

// -- live data ------------------------------------------------------------------------------

const changeListeners = new Set();
const dashboardListeners = new Set();
let lastDashboard = null;

/** Called by main.js for each message of /api/v1/admin/events. */
export function publishEvent(message, { resync = false } = {}) {
  if (message.dashboard) {
    // Stamped with our clock: times on screen run from the server's `at`, which may be a
    // virtual clock, plus what has passed here since.
    lastDashboard = { ...message.dashboard, receivedAt: Date.now() };
    dashboardListeners.forEach((listener) => listener(lastDashboard));
  }
  // A snapshot after a reconnect may follow changes we never heard of: re-read everything.
  const kinds = message.type === "changed" ? message.kinds || [] : resync ? ["*"] : [];
  if (kinds.length) changeListeners.forEach((listener) => listener(kinds));
}

export function useDashboard() {
  const [dashboard, setDashboard] = useState(lastDashboard);
  useEffect(() => {
    dashboardListeners.add(setDashboard);
    return () => dashboardListeners.delete(setDashboard);
  }, []);
  return dashboard;
}

/**
 * `load()`'s answer, re-read whenever a `changed` event names one of `kinds` (the entity class
 * names: "User", "Queue", ...). Answers that arrive out of order are dropped.
 */
export function useAdminData(kinds, load, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const sequence = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++sequence.current;
    try {
      const data = await loadRef.current();
      if (mine === sequence.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (mine === sequence.current) setState((now) => ({ ...now, error, loading: false }));
    }
  }, []);

  useEffect(() => {
    setState({ data: null, error: null, loading: true });
    reload();
    const listener = (changed) => {
      if (changed.includes("*") || changed.some((kind) => kinds.includes(kind))) reload();
    };
    changeListeners.add(listener);
    return () => {
      sequence.current += 1;
      changeListeners.delete(listener);
    };
  }, deps);

  return { ...state, reload };
}

// -- page layout ----------------------------------------------------------------------------

export function PageHeader({ title, description, crumbs = [], children }) {
  return html`<header class="page-header">
    ${crumbs.length > 0 &&
    html`<nav aria-label="Breadcrumb" class="crumbs"><ol>
      ${crumbs.map((crumb) => html`<li><${Link} href=${crumb.href}>${crumb.label}<//></li>`)}
    </ol></nav>`}
    <div class="spread">
      <div>
        <h1>${title}</h1>
        ${description && html`<p class="muted page-description">${description}</p>`}
      </div>
      ${children && html`<div class="row page-actions">${children}</div>`}
    </div>
  </header>`;
}

export function Loading({ what = "Loading…" }) {
  return html`<p class="loading" role="status">${what}</p>`;
}

export function Empty({ children }) {
  return html`<p class="empty muted">${children}</p>`;
}

export function Badge({ tone = "neutral", children }) {
  return html`<span class=${`badge ${tone}`}>${children}</span>`;
}

// -- forms ----------------------------------------------------------------------------------

export function TextField({ id, label, value, onInput, hint, type = "text", ...rest }) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} name=${id} type=${type} value=${value ?? ""}
      aria-describedby=${hint ? `${id}-hint` : undefined}
      onInput=${(e) => onInput(e.target.value)} ...${rest} />
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
  </div>`;
}

export function TextArea({ id, label, value, onInput, hint, ...rest }) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <textarea id=${id} name=${id} rows="3" value=${value ?? ""}
      aria-describedby=${hint ? `${id}-hint` : undefined}
      onInput=${(e) => onInput(e.target.value)} ...${rest}></textarea>
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
  </div>`;
}

/** options: [{value, label}]; `placeholder` adds an empty first choice. */
export function SelectField({ id, label, value, onChange, options, placeholder, hint, ...rest }) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} name=${id} value=${value ?? ""}
      aria-describedby=${hint ? `${id}-hint` : undefined}
      onChange=${(e) => onChange(e.target.value)} ...${rest}>
      ${placeholder !== undefined && html`<option value="">${placeholder}</option>`}
      ${options.map(
        (option) => html`<option value=${option.value} selected=${option.value === value}>
          ${option.label}</option>`,
      )}
    </select>
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
  </div>`;
}

export function CheckField({ id, label, checked, onChange, hint, ...rest }) {
  return html`<div class="field check-field">
    <input id=${id} name=${id} type="checkbox" checked=${!!checked}
      aria-describedby=${hint ? `${id}-hint` : undefined}
      onChange=${(e) => onChange(e.target.checked)} ...${rest} />
    <label for=${id} class="check-label">${label}</label>
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
  </div>`;
}

/** Save / Cancel at the foot of a form; Save is the form's submit button. */
export function FormActions({ busy, onCancel, saveLabel = "Save", saveDisabled = false }) {
  return html`<div class="form-actions">
    <button type="button" onClick=${onCancel} disabled=${busy}>Cancel</button>
    <button type="submit" class="primary" disabled=${busy || saveDisabled}>
      ${busy ? "Saving…" : saveLabel}</button>
  </div>`;
}

/**
 * A modal question before something is deleted (native <dialog>: focus stays inside, Escape
 * cancels). `question` says exactly what goes; `confirmLabel` is the button's word.
 */
export function ConfirmDialog({ open, title, question, confirmLabel = "Delete", onConfirm, onCancel }) {
  const ref = useRef(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return html`<dialog ref=${ref} class="confirm" aria-labelledby="confirm-title"
      aria-describedby="confirm-question" onCancel=${(e) => { e.preventDefault(); onCancel(); }}>
    <h2 id="confirm-title">${title}</h2>
    <p id="confirm-question">${question}</p>
    <div class="form-actions">
      <button type="button" onClick=${onCancel} autofocus>Cancel</button>
      <button type="button" class="danger primary" onClick=${onConfirm}>${confirmLabel}</button>
    </div>
  </dialog>`;
}

/**
 * A delete with its confirmation: `ask(what, run)` opens the dialog; `run` happens only on
 * confirm; its error is kept for the page to show. Render `dialog` somewhere on the page.
 */
export function useConfirmDelete() {
  const [pending, setPending] = useState(null);
  const [error, setError] = useState(null);
  const ask = (title, question, run, confirmLabel = "Delete") =>
    setPending({ title, question, run, confirmLabel });
  const dialog = html`<${ConfirmDialog} open=${!!pending} title=${pending?.title || ""}
    question=${pending?.question || ""} confirmLabel=${pending?.confirmLabel}
    onCancel=${() => setPending(null)}
    onConfirm=${async () => {
      const run = pending.run;
      setPending(null);
      setError(null);
      try {
        await run();
      } catch (caught) {
        setError(caught);
      }
    }} />`;
  return { ask, dialog, error, clearError: () => setError(null) };
}

/** Runs a form's save steps, keeping `busy` and the server's error for the form to show. */
export function useSubmit(save) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (event) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await save();
    } catch (caught) {
      setError(caught);
      setBusy(false);
      return;
    }
    setBusy(false);
  };
  return { busy, error, submit, setError };
}

/** The part of `path` after `base` split in segments: "/admin/users/42" -> ["42"]. */
export function subPath(path, base) {
  return path.slice(base.length).split("/").filter(Boolean).map(decodeURIComponent);
}

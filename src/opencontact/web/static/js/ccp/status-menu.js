// The status menu at the top of the CCP: the agent's state as it is now (Available, Offline, a
// custom status, or a system state such as Missed) and the statuses they may choose.
import { elapsed, html, useEffect, useRef, useState } from "../ui.js";

// desk.systemState is MISSED, REJECTED or ERROR; desk.state shows it as a word (Missed, ...).
const SYSTEM_HELP = {
  MISSED: "You missed a contact, so no more contacts are routed to you. Choose Available to take contacts again.",
  REJECTED: "You rejected a contact. Choose Available to take contacts again.",
  ERROR: "A contact could not reach you. Choose Available to take contacts again.",
};

export function stateTone(desk) {
  if (desk.systemState) return "alert";
  if (desk.contacts.length) return "busy";
  if (desk.status?.type === "ROUTABLE") return "available";
  return "away";
}

export function StatusMenu({ desk, act, now }) {
  const [open, setOpen] = useState(false);
  const menu = useRef(null);
  const button = useRef(null);

  useEffect(() => {
    if (open) menu.current?.querySelector("[role=menuitemradio]")?.focus();
  }, [open]);

  const choose = async (status) => {
    setOpen(false);
    button.current?.focus();
    await act("put", "/status", { status: status.name });
  };

  const onKey = (event) => {
    const items = [...(menu.current?.querySelectorAll("[role=menuitemradio]") || [])];
    const at = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      setOpen(false);
      button.current?.focus();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      items[(at + 1) % items.length]?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      items[(at - 1 + items.length) % items.length]?.focus();
    }
  };

  const next = desk.nextStatus ? ` (next: ${desk.nextStatus.name})` : "";
  return html`<div class="status-menu" onKeyDown=${onKey}>
    <button ref=${button} type="button" class=${`status-button tone-${stateTone(desk)}`}
      aria-haspopup="menu" aria-expanded=${open} aria-label=${`Status: ${desk.state}. Change status`}
      onClick=${() => setOpen(!open)}>
      <span class="status-dot" aria-hidden="true"></span>
      <span class="status-name" data-testid="agent-state">${desk.state}</span>
      <span class="status-timer" aria-hidden="true">${elapsed(desk.statusSince, now)}</span>
      <span aria-hidden="true">▾</span>
    </button>
    ${next && html`<p class="hint">${`Your status changes when you close this contact${next}.`}</p>`}
    ${open &&
    html`<ul class="menu" role="menu" aria-label="Statuses" ref=${menu}>
      ${desk.statuses.map(
        (status) => html`<li role="none" key=${status.id}>
          <button type="button" role="menuitemradio"
            aria-checked=${!desk.systemState && desk.status?.id === status.id}
            onClick=${() => choose(status)}>${status.name}${
              !desk.systemState && desk.status?.id === status.id &&
              html`<span class="checked" aria-hidden="true"> ✓</span>`
            }</button>
        </li>`,
      )}
    </ul>`}
  </div>`;
}

/** What a system state means and the way back, shown under the menu. */
export function SystemState({ desk, act }) {
  const help = SYSTEM_HELP[desk.systemState];
  if (!help) return null;
  const available = desk.statuses.find((status) => status.type === "ROUTABLE");
  return html`<div class="system-state" role="alert">
    <strong>${desk.state}</strong>
    <p>${help}</p>
    <div class="row">
      ${available &&
      html`<button type="button" class="primary"
        onClick=${() => act("put", "/status", { status: available.name })}>
        ${`Set status to ${available.name}`}</button>`}
      <button type="button" onClick=${() => act("post", "/dismiss")}>Clear</button>
    </div>
  </div>`;
}

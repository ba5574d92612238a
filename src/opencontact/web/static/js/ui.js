// What every page builds with: Preact components written with htm tagged templates (no build
// step), plus the few helpers the pages share.
import { h, render } from "preact";
import htm from "htm";

export { h, render };
export {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from "preact/hooks";
import { useEffect, useState } from "preact/hooks";

export const html = htm.bind(h);

/** Mount a page's root component into #app. */
export function mount(component, props = {}) {
  const root = document.getElementById("app");
  root.textContent = "";
  render(h(component, props), root);
}

/** The current time, re-read every `everyMs` (for timers on screen; no server is asked). */
export function useNow(everyMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "0:07", "12:34", "1:02:03" for a number of milliseconds. */
export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** Time elapsed since an ISO time, formatted; "" when there is no time. */
export function elapsed(since, now) {
  return since ? formatDuration(now - Date.parse(since)) : "";
}

/** A message people read: an error (role=alert) or a notice (role=status). */
export function Message({ error, notice, onDismiss }) {
  if (!error && !notice) return null;
  const text = error ? error.message || String(error) : notice;
  return html`<div class=${error ? "message error" : "message notice"}
    role=${error ? "alert" : "status"}>
    <span>${text}</span>
    ${onDismiss &&
    html`<button type="button" class="link" aria-label="Dismiss message"
      onClick=${onDismiss}>×</button>`}
  </div>`;
}

/** The connection state of a live feed, shown only when it is not live. */
export function LiveIndicator({ state }) {
  if (state === "live") return null;
  const words =
    state === "connecting" ? "Connecting…" : "Connection lost — reconnecting…";
  return html`<div class="live-state" role="status">${words}</div>`;
}

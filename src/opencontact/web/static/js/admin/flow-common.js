// Words and pieces the flow pages share: flow types and statuses as the console writes them,
// the minimal flow a new flow starts from, and the readable list of why a flow is not valid.
import { html, useEffect, useRef } from "../ui.js";

export const FLOW_TYPES = [
  ["CONTACT_FLOW", "Contact flow (inbound)"],
  ["CUSTOMER_QUEUE", "Customer queue flow"],
  ["CUSTOMER_HOLD", "Customer hold flow"],
  ["CUSTOMER_WHISPER", "Customer whisper flow"],
  ["OUTBOUND_WHISPER", "Outbound whisper flow"],
  ["AGENT_HOLD", "Agent hold flow"],
  ["AGENT_WHISPER", "Agent whisper flow"],
  ["AGENT_TRANSFER", "Transfer to agent flow"],
  ["QUEUE_TRANSFER", "Transfer to queue flow"],
  ["CAMPAIGN", "Campaign flow"],
];

export function flowTypeName(type) {
  return FLOW_TYPES.find(([value]) => value === type)?.[1] || type || "";
}

export function StatusBadge({ status }) {
  const word = status === "SAVED" ? "Saved" : status === "PUBLISHED" ? "Published" : status;
  // The admin stylesheet's badge tones: green for what runs, amber for a draft.
  const tone = status === "PUBLISHED" ? "ok" : "busy";
  return html`<span class=${`badge ${tone}`}>${word}</span>`;
}

/** What a new flow holds: one Disconnect block, so it is valid and can be published at once. */
export function minimalFlowContent() {
  return JSON.stringify(
    {
      Version: "2019-10-30",
      StartAction: "Disconnect",
      Metadata: {
        entryPointPosition: { x: 40, y: 40 },
        ActionMetadata: { Disconnect: { position: { x: 240, y: 40 } } },
      },
      Actions: [
        { Identifier: "Disconnect", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      ],
    },
    null,
    2,
  );
}

/**
 * The problems an InvalidContactFlowException lists, one sentence each; null for any other
 * error. The API lists them in `problems`; when only the message came through, it is split
 * where each problem starts ("Action '...' (Type): ...").
 */
export function flowProblems(error) {
  if (!error || error.code !== "InvalidContactFlowException") return null;
  const listed = error.problems || error.details?.problems || error.body?.problems;
  if (Array.isArray(listed) && listed.length) {
    return listed.map((p) => (typeof p === "string" ? p : p?.message || JSON.stringify(p)));
  }
  const match = /^The flow is not valid \(\d+ problems?\): ([\s\S]*)$/.exec(error.message || "");
  if (!match) return null;
  return match[1].split(/(?<=\.) (?=Action '|The flow|StartAction ')/);
}

/** An error to read: the API's sentence, and the flow's problems as a list when it has them. */
export function FlowError({ error }) {
  const box = useRef(null);
  // The error may appear below the fold of a long form: bring it into view.
  useEffect(() => box.current?.scrollIntoView?.({ block: "nearest" }), [error]);
  if (!error) return null;
  const problems = flowProblems(error);
  if (!problems) {
    return html`<div class="message error" role="alert" ref=${box}>
      ${error.message || String(error)}</div>`;
  }
  const count = problems.length;
  return html`<div class="message error" role="alert" ref=${box}>
    <div>
      <strong>The flow is not valid (${count} problem${count === 1 ? "" : "s"}):</strong>
      <ul class="flow-problems">${problems.map((p, i) => html`<li key=${i}>${p}</li>`)}</ul>
    </div>
  </div>`;
}

/** Load the flows stylesheet once (the admin shell loads only admin.css). */
export function useFlowsStylesheet() {
  const href = "/static/css/flows.css";
  if (typeof document !== "undefined" && !document.querySelector(`link[href="${href}"]`)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }
}

/** A link inside the admin website that changes page without reloading it. */
export function AppLink({ href, navigate, children, ...rest }) {
  const onClick = (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}

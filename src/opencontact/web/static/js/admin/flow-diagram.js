// The flow designer's picture of a flow: each action a block, each branch an arrow from the
// block's row for that branch to the block it leads to. Blocks sit where the console export put
// them (Metadata.ActionMetadata positions); without positions they are laid out in columns by
// their distance from the entry point. Blocks move by dragging or with the arrow keys; a move
// writes every block's position back into the Metadata, as the console's export keeps them.
import { html, useEffect, useMemo, useRef, useState } from "../ui.js";
import { blockName, blockSummary, branchesOf } from "./flow-blocks.js";

const BLOCK_WIDTH = 196; // console blocks are about this wide: exports put them ~220 apart
const TITLE_HEIGHT = 26;
const SUMMARY_HEIGHT = 18;
const ROW_HEIGHT = 17;
const COLUMN_GAP = 90;
const ROW_GAP = 28;
export const MARGIN = 40;
const ENTRY_WIDTH = 92;
const ENTRY_HEIGHT = 30;

/**
 * Read flow content (text). Returns {doc, actions, error}: actions is [] and error a sentence
 * when the content is not a Flow-language document the designer can draw.
 */
export function readFlow(content) {
  let doc;
  try {
    doc = JSON.parse(content);
  } catch (e) {
    return { doc: null, actions: [], error: `The content is not JSON: ${e.message}` };
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    return { doc: null, actions: [], error: "The content is not a JSON object." };
  }
  if (Array.isArray(doc.modules)) {
    return {
      doc,
      actions: [],
      error:
        "This is the legacy export format (a modules list). Export the flow again from the " +
        "current flow designer.",
    };
  }
  if (!Array.isArray(doc.Actions)) {
    return { doc, actions: [], error: "The content has no Actions list, so there are no blocks." };
  }
  const actions = doc.Actions.filter((a) => a && typeof a === "object");
  return { doc, actions, error: null };
}

function blockHeight(branchCount) {
  return TITLE_HEIGHT + SUMMARY_HEIGHT + 6 + Math.max(branchCount, 0) * ROW_HEIGHT + 6;
}

function positionOf(doc, id) {
  const meta = doc?.Metadata?.ActionMetadata?.[id];
  const p = meta?.position;
  if (p && Number.isFinite(Number(p.x)) && Number.isFinite(Number(p.y))) {
    return { x: Number(p.x), y: Number(p.y) };
  }
  return null;
}

/** Actions in the order a reader meets them from StartAction (breadth first), then the rest. */
function readingOrder(actions, start) {
  const byId = new Map(actions.map((a) => [a.Identifier, a]));
  const depth = new Map();
  const order = [];
  const visit = (rootId, rootDepth) => {
    const queue = [[rootId, rootDepth]];
    while (queue.length) {
      const [id, d] = queue.shift();
      if (depth.has(id) || !byId.has(id)) continue;
      depth.set(id, d);
      order.push(byId.get(id));
      for (const branch of branchesOf(byId.get(id))) queue.push([branch.target, d + 1]);
    }
  };
  visit(start, 0);
  // Blocks nothing reaches (a flow being built) start new columns after the last one.
  for (const action of actions) {
    if (!depth.has(action.Identifier)) {
      const next = depth.size ? Math.max(...depth.values()) + 1 : 0;
      visit(action.Identifier, next);
    }
  }
  return { order, depth };
}

/**
 * Where every block goes. Returns {blocks, entry, width, height}; blocks (in reading order)
 * carry {id, action, name, summary, branches, x, y, w, h}; entry is the entry point's box and
 * the start block's id.
 */
export function layoutFlow(doc, actions) {
  const start = doc?.StartAction;
  const { order, depth } = readingOrder(actions, start);
  const placed = new Map();
  for (const action of order) {
    const p = positionOf(doc, action.Identifier);
    if (p) placed.set(action.Identifier, p);
  }
  const useMetadata = placed.size > 0 && placed.size >= order.length / 2;
  if (!useMetadata) placed.clear();

  // Columns by depth for the blocks without a position (all of them, without metadata).
  const unplaced = order.filter((a) => !placed.has(a.Identifier));
  if (unplaced.length) {
    let left = MARGIN + ENTRY_WIDTH + COLUMN_GAP / 2;
    let top = MARGIN;
    if (useMetadata) {
      // Below everything the export placed, so nothing lands on top of it.
      const bottoms = order
        .filter((a) => placed.has(a.Identifier))
        .map((a) => placed.get(a.Identifier).y + blockHeight(branchesOf(a).length));
      top = Math.max(...bottoms) + ROW_GAP * 3;
      left = MARGIN;
    }
    const columns = new Map();
    for (const action of unplaced) {
      const d = depth.get(action.Identifier) ?? 0;
      if (!columns.has(d)) columns.set(d, []);
      columns.get(d).push(action);
    }
    const depths = [...columns.keys()].sort((a, b) => a - b);
    depths.forEach((d, column) => {
      let y = top;
      for (const action of columns.get(d)) {
        placed.set(action.Identifier, { x: left + column * (BLOCK_WIDTH + COLUMN_GAP), y });
        y += blockHeight(branchesOf(action).length) + ROW_GAP;
      }
    });
  }

  let blocks = order.map((action) => {
    const branches = branchesOf(action);
    const p = placed.get(action.Identifier);
    return {
      id: action.Identifier,
      action,
      name: blockName(action),
      summary: blockSummary(action),
      branches,
      x: p.x,
      y: p.y,
      w: BLOCK_WIDTH,
      h: blockHeight(branches.length),
    };
  });

  const startBlock = blocks.find((b) => b.id === start);
  const entryMeta = doc?.Metadata?.entryPointPosition;
  let entry;
  if (useMetadata && entryMeta && Number.isFinite(Number(entryMeta.x))) {
    entry = { x: Number(entryMeta.x), y: Number(entryMeta.y) };
  } else if (startBlock) {
    entry = { x: startBlock.x - ENTRY_WIDTH - COLUMN_GAP / 2, y: startBlock.y };
  } else {
    entry = { x: MARGIN, y: MARGIN };
  }
  entry = { ...entry, w: ENTRY_WIDTH, h: ENTRY_HEIGHT, target: startBlock ? start : null };

  // Shift everything so the picture starts at the margin (exports have negative positions too).
  const minX = Math.min(entry.x, ...blocks.map((b) => b.x));
  const minY = Math.min(entry.y, ...blocks.map((b) => b.y));
  const dx = MARGIN - minX;
  const dy = MARGIN - minY;
  blocks = blocks.map((b) => ({ ...b, x: b.x + dx, y: b.y + dy }));
  entry = { ...entry, x: entry.x + dx, y: entry.y + dy };
  const width = Math.max(entry.x + entry.w, ...blocks.map((b) => b.x + b.w)) + MARGIN;
  const height = Math.max(entry.y + entry.h, ...blocks.map((b) => b.y + b.h)) + MARGIN;
  return { blocks, entry, width, height };
}

/**
 * The document with every block's position (and the entry point's) written into its Metadata
 * as the diagram shows them now, `moved` ({id, x, y}) at its new place. Writing all of them
 * keeps one frame: a flow drawn without positions stays as it was drawn.
 */
export function pinPositions(doc, layout, moved) {
  const metadata = { ...(doc.Metadata || {}) };
  const actionMetadata = { ...(metadata.ActionMetadata || {}) };
  for (const block of layout.blocks) {
    const place = moved && moved.id === block.id ? moved : block;
    actionMetadata[block.id] = {
      ...(actionMetadata[block.id] || {}),
      position: { x: Math.max(MARGIN, Math.round(place.x)), y: Math.max(MARGIN, Math.round(place.y)) },
    };
  }
  if (moved && !layout.blocks.some((b) => b.id === moved.id)) {
    actionMetadata[moved.id] = {
      ...(actionMetadata[moved.id] || {}),
      position: { x: Math.max(MARGIN, Math.round(moved.x)), y: Math.max(MARGIN, Math.round(moved.y)) },
    };
  }
  metadata.ActionMetadata = actionMetadata;
  metadata.entryPointPosition = { x: layout.entry.x, y: layout.entry.y };
  return { ...doc, Metadata: metadata };
}

/** A free place for a new block near (x, y): below any block already there. */
export function freePlace(layout, x, y) {
  let place = { x: Math.max(MARGIN, Math.round(x)), y: Math.max(MARGIN, Math.round(y)) };
  for (let tries = 0; tries < 50; tries += 1) {
    const taken = layout.blocks.some(
      (b) => Math.abs(b.x - place.x) < BLOCK_WIDTH && place.y >= b.y - 40 && place.y < b.y + b.h + 10,
    );
    if (!taken) break;
    place = { ...place, y: place.y + 40 };
  }
  return place;
}

function clip(text, max) {
  const s = String(text ?? "");
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

function rowY(block, index) {
  return block.y + TITLE_HEIGHT + SUMMARY_HEIGHT + 6 + index * ROW_HEIGHT + ROW_HEIGHT / 2;
}

/** An arrow from (sx, sy) to the left edge of a block at (tx, ty). */
function arrowPath(sx, sy, tx, ty) {
  const forward = tx - sx;
  const bend = forward > 40 ? Math.max(30, forward / 2) : 90;
  return `M ${sx} ${sy} C ${sx + bend} ${sy}, ${tx - bend} ${ty}, ${tx - 2} ${ty}`;
}

function edgesOf(layout) {
  const byId = new Map(layout.blocks.map((b) => [b.id, b]));
  const edges = [];
  if (layout.entry.target && byId.has(layout.entry.target)) {
    const t = byId.get(layout.entry.target);
    edges.push({
      key: "entry",
      from: null,
      kind: "next",
      d: arrowPath(layout.entry.x + layout.entry.w, layout.entry.y + layout.entry.h / 2, t.x,
        t.y + TITLE_HEIGHT / 2),
    });
  }
  for (const block of layout.blocks) {
    block.branches.forEach((branch, i) => {
      const target = byId.get(branch.target);
      if (!target) return;
      edges.push({
        key: `${block.id}#${i}`,
        from: block.id,
        to: target.id,
        kind: branch.kind,
        d: arrowPath(block.x + block.w, rowY(block, i), target.x, target.y + TITLE_HEIGHT / 2),
      });
    });
  }
  return edges;
}

const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const KEY_STEP = 10; // pixels per arrow key press; 50 with Shift

function Block({ block, selected, problems, scale, onOpen, onMove, onDrag }) {
  const { x, y, w, h } = block;
  const label = block.summary ? `${block.name}: ${block.summary}` : block.name;
  const drag = useRef(null);
  // Where the arrow keys last put the block, until the diagram is drawn there: presses that
  // come faster than the page redraws (a held key) each go on from the one before.
  const nudged = useRef(null);
  useEffect(() => {
    nudged.current = null;
  }, [x, y]);
  const open = () => onOpen(block.id);
  const onKeyDown = (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open();
      return;
    }
    const arrow = ARROWS[event.key];
    if (arrow && onMove && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
      const from = nudged.current || { x, y };
      nudged.current = { x: from.x + arrow[0] * step, y: from.y + arrow[1] * step };
      onMove(block.id, nudged.current.x, nudged.current.y);
    }
  };
  // Dragging: the pointer is captured so the block follows it outside the block too; a press
  // that does not move is a click (it opens the block).
  const onPointerDown = (event) => {
    if (event.button !== 0 || !onMove) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    // Where the block was: while dragged, it is drawn (and given here) at its new place.
    drag.current = { x: event.clientX, y: event.clientY, from: { x, y }, moved: false };
  };
  const offset = (event) => ({
    dx: (event.clientX - drag.current.x) / scale,
    dy: (event.clientY - drag.current.y) / scale,
  });
  const onPointerMove = (event) => {
    if (!drag.current) return;
    const { dx, dy } = offset(event);
    if (!drag.current.moved && Math.hypot(dx, dy) < 4) return;
    drag.current.moved = true;
    onDrag({ id: block.id, dx, dy });
  };
  const onPointerUp = (event) => {
    const state = drag.current;
    if (!state) return;
    drag.current = state.moved ? { ...state, clickAfter: true } : null;
    if (state.moved) {
      const { dx, dy } = offset(event);
      onDrag(null);
      onMove(block.id, state.from.x + dx, state.from.y + dy);
    }
  };
  const onClick = () => {
    if (drag.current?.clickAfter) {
      drag.current = null; // the end of a drag, not a click
      return;
    }
    drag.current = null;
    open();
  };
  const count = problems?.length || 0;
  const spoken = count ? `${label} (${count} problem${count === 1 ? "" : "s"})` : label;
  return html`<g class=${"flow-block" + (selected ? " selected" : "") + (count ? " has-problems" : "")}
      data-block-id=${block.id} tabindex="0" role="button" aria-label=${spoken}
      onClick=${onClick} onKeyDown=${onKeyDown} onPointerDown=${onPointerDown}
      onPointerMove=${onPointerMove} onPointerUp=${onPointerUp}
      onPointerCancel=${() => { drag.current = null; onDrag(null); }}>
    <title>${spoken}</title>
    <rect class="frame" x=${x} y=${y} width=${w} height=${h} rx="6" />
    <path class="title-band" d=${`M ${x} ${y + 6} a 6 6 0 0 1 6 -6 h ${w - 12} a 6 6 0 0 1 6 6
      v ${TITLE_HEIGHT - 6} h ${-w} z`} />
    <text class="block-name" x=${x + 10} y=${y + 17}>${clip(block.name, 26)}</text>
    <text class="block-summary" x=${x + 10} y=${y + TITLE_HEIGHT + 13}>
      ${clip(block.summary || block.id, 30)}</text>
    ${block.branches.map((branch, i) => {
      const cy = rowY(block, i);
      const missing = !branch.target;
      return html`<g class=${`branch ${branch.kind}`} key=${i}>
        <text class="branch-label" x=${x + w - 14} y=${cy + 4} text-anchor="end">
          ${clip(branch.label, 26)}</text>
        <circle class=${"port" + (missing ? " missing" : "")} cx=${x + w} cy=${cy} r="4" />
      </g>`;
    })}
    ${count > 0 && html`<text class="block-problem" x=${x + 2} y=${y + h + 14}>
      ⚠ ${clip(problems[0], 34)}${count > 1 ? ` (+${count - 1})` : ""}</text>`}
  </g>`;
}

const ZOOMS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5];

/**
 * The diagram with its zoom controls. `layout` from layoutFlow; `selected` is the open block's
 * id; `onOpen(id)` opens a block's settings; `onMove(id, x, y)` places a block (in the layout's
 * frame); `problems` are the server's problems by block id; `viewRef.current.visible()` is
 * the part of the diagram in view, in its units (where a new block goes).
 */
export function FlowDiagram({ layout: placed, selected, onOpen, onMove, problems, viewRef, toolbar }) {
  const [dragging, setDragging] = useState(null); // {id, dx, dy} while a block is dragged
  const layout = useMemo(() => {
    if (!dragging) return placed;
    const blocks = placed.blocks.map((b) =>
      b.id === dragging.id ? { ...b, x: b.x + dragging.dx, y: b.y + dragging.dy } : b,
    );
    return { ...placed, blocks };
  }, [placed, dragging]);
  const edges = useMemo(() => edgesOf(layout), [layout]);
  const viewport = useRef(null);
  const [scale, setScale] = useState(1);
  if (viewRef) {
    viewRef.current = {
      visible: () => {
        const box = viewport.current;
        if (!box) return { x: 0, y: 0, w: 600, h: 400 };
        return {
          x: box.scrollLeft / scale,
          y: box.scrollTop / scale,
          w: box.clientWidth / scale,
          h: box.clientHeight / scale,
        };
      },
    };
  }

  const fitScale = () => {
    const box = viewport.current;
    if (!box) return 1;
    const fit = Math.min(
      (box.clientWidth - 8) / layout.width,
      (box.clientHeight - 8) / layout.height,
    );
    return Math.min(1, Math.max(0.1, fit));
  };
  // A big flow opens fitted to the window's width, but never so small it cannot be read:
  // below 75% the reader scrolls instead (or chooses Zoom to fit).
  // Only when the flow opens: blocks added or moved later do not change the zoom.
  const fitted = useRef(false);
  useEffect(() => {
    const box = viewport.current;
    if (!box || fitted.current) return;
    fitted.current = true;
    const widthFit = (box.clientWidth - 8) / layout.width;
    setScale(Math.min(1, Math.max(0.75, widthFit)));
  }, [layout.width]);

  const zoom = (direction) => {
    const steps = direction > 0 ? ZOOMS.filter((z) => z > scale + 0.001) : ZOOMS.filter((z) => z < scale - 0.001);
    if (steps.length) setScale(direction > 0 ? steps[0] : steps[steps.length - 1]);
  };
  const onWheel = (event) => {
    if (!event.ctrlKey) return;
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1 : -1);
  };

  const { entry } = layout;
  return html`<div class="flow-diagram">
    <div class="row flow-toolbar"><div class="row flow-zoom" role="group" aria-label="Zoom">
      <button type="button" onClick=${() => zoom(-1)} aria-label="Zoom out">−</button>
      <span class="zoom-level" aria-live="polite">${Math.round(scale * 100)}%</span>
      <button type="button" onClick=${() => zoom(1)} aria-label="Zoom in">+</button>
      <button type="button" onClick=${() => setScale(fitScale())}>Zoom to fit</button>
      <button type="button" onClick=${() => setScale(1)}>Actual size</button>
      <span class="muted">${layout.blocks.length} block${layout.blocks.length === 1 ? "" : "s"}</span>
    </div>${toolbar}</div>
    <div class="flow-viewport" ref=${viewport} onWheel=${onWheel}>
      <svg class="flow-canvas" role="group" aria-label="Flow diagram"
          width=${Math.ceil(layout.width * scale)} height=${Math.ceil(layout.height * scale)}
          viewBox=${`0 0 ${layout.width} ${layout.height}`}>
        <defs>
          ${["next", "condition", "error"].map((kind) => html`<marker id=${`arrow-${kind}`}
              key=${kind} class=${`arrowhead ${kind}`} viewBox="0 0 10 10" refX="9" refY="5"
              markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9"
              orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" /></marker>`)}
        </defs>
        <g class="entry-point" aria-hidden="true">
          <rect x=${entry.x} y=${entry.y} width=${entry.w} height=${entry.h} rx="15" />
          <text x=${entry.x + entry.w / 2} y=${entry.y + entry.h / 2 + 4}
            text-anchor="middle">Entry point</text>
        </g>
        <g class="edges" aria-hidden="true">
          ${edges.map((edge) => html`<path key=${edge.key} d=${edge.d}
            class=${`edge ${edge.kind}` +
              (selected && (edge.from === selected || edge.to === selected) ? " lit" : "")}
            marker-end=${`url(#arrow-${edge.kind})`} />`)}
        </g>
        ${layout.blocks.map((block) => html`<${Block} key=${block.id} block=${block}
          selected=${block.id === selected} problems=${problems?.[block.id]} scale=${scale}
          onOpen=${onOpen} onMove=${onMove} onDrag=${setDragging} />`)}
      </svg>
    </div>
  </div>`;
}

// The flow designer's palette: every block the server's flow language knows (flow-blocks.js
// names each action type of flows/catalog.py), searchable; pressing one adds it to the flow.
// Keyboard: type in the search box, ArrowDown to the list, ArrowUp/ArrowDown within it,
// Enter in the search box adds the first block that matches.
import { html, useMemo, useRef, useState } from "../ui.js";
import { paletteEntries } from "./flow-blocks.js";

const ENTRIES = paletteEntries();

export function BlockPalette({ onAdd }) {
  const [search, setSearch] = useState("");
  const list = useRef(null);
  const shown = useMemo(() => {
    const words = search.trim().toLowerCase();
    if (!words) return ENTRIES;
    return ENTRIES.filter(
      (e) => e.name.toLowerCase().includes(words) || e.type.toLowerCase().includes(words),
    );
  }, [search]);

  const buttons = () => [...(list.current?.querySelectorAll("button") || [])];
  const onSearchKey = (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      buttons()[0]?.focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (shown.length) onAdd(shown[0].type);
    }
  };
  const onListKey = (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const all = buttons();
    const at = all.indexOf(document.activeElement);
    if (event.key === "ArrowUp" && at <= 0) {
      document.getElementById("palette-search")?.focus();
      return;
    }
    all[Math.min(all.length - 1, at + (event.key === "ArrowDown" ? 1 : -1))]?.focus();
  };

  return html`<aside class="card block-palette" aria-labelledby="palette-title">
    <h2 id="palette-title">Add a block</h2>
    <label for="palette-search">Search blocks</label>
    <input id="palette-search" type="search" value=${search} autocomplete="off"
      aria-describedby="palette-hint" onInput=${(e) => setSearch(e.currentTarget.value)}
      onKeyDown=${onSearchKey} />
    <p class="hint" id="palette-hint">Press a block to add it; Enter adds the first match.</p>
    <ul class="palette-list" ref=${list} aria-label="Blocks" onKeyDown=${onListKey}>
      ${shown.map((entry) => html`<li key=${entry.type}>
        <button type="button" aria-label=${entry.name} title=${entry.type}
            onClick=${() => onAdd(entry.type)}>
          <span class="palette-name">${entry.name}</span>
          <span class="palette-type" aria-hidden="true">${entry.type}</span>
        </button>
      </li>`)}
    </ul>
    ${shown.length === 0 && html`<p class="empty">No block matches “${search.trim()}”.</p>`}
  </aside>`;
}

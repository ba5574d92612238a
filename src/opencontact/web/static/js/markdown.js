// A small Markdown renderer for knowledge articles that builds Preact elements, never an HTML
// string: whatever an article holds ends up as text nodes, so raw HTML in it shows as text and
// can run nothing. It covers what articles use — headings, paragraphs, bulleted and numbered
// lists, quotes, code blocks, inline code, bold, italics and links (http, https and mailto only).
// Written here rather than vendored: a full CommonMark library plus a sanitiser would be far
// bigger than this, and would need innerHTML.
import { html } from "./ui.js";

const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;
// Inline code, a link, bold, then italics; the first match wins, text between them stays text.
const INLINE = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|__(.+?)__|\*([^*]+)\*|_([^_]+)_/;

/** Inline Markdown as a list of strings and elements. */
export function inline(text) {
  const parts = [];
  let rest = text;
  while (rest) {
    const found = INLINE.exec(rest);
    if (!found) {
      parts.push(rest);
      break;
    }
    if (found.index) parts.push(rest.slice(0, found.index));
    const [all, code, label, href, strong1, strong2, em1, em2] = found;
    if (code !== undefined) parts.push(html`<code>${code}</code>`);
    else if (label !== undefined) {
      parts.push(
        SAFE_LINK.test(href)
          ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${inline(label)}</a>`
          : inline(label),
      );
    } else if (strong1 !== undefined || strong2 !== undefined) {
      parts.push(html`<strong>${inline(strong1 ?? strong2)}</strong>`);
    } else parts.push(html`<em>${inline(em1 ?? em2)}</em>`);
    rest = rest.slice(found.index + all.length);
  }
  return parts;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d+[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;

/** Block structure: [{type, ...}] from the lines of the text. */
function blocks(markdown) {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const found = [];
  let i = 0;
  const isBlockStart = (line) =>
    HEADING.test(line) || BULLET.test(line) || NUMBERED.test(line) || QUOTE.test(line) ||
    FENCE.test(line);
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i += 1;
    } else if (FENCE.test(line)) {
      const code = [];
      i += 1;
      while (i < lines.length && !FENCE.test(lines[i])) code.push(lines[i++]);
      i += 1;
      found.push({ type: "code", text: code.join("\n") });
    } else if (HEADING.test(line)) {
      const [, hashes, text] = HEADING.exec(line);
      found.push({ type: "heading", level: hashes.length, text });
      i += 1;
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      const pattern = BULLET.test(line) ? BULLET : NUMBERED;
      const items = [];
      while (i < lines.length && pattern.test(lines[i])) items.push(pattern.exec(lines[i++])[1]);
      found.push({ type: pattern === BULLET ? "ul" : "ol", items });
    } else if (QUOTE.test(line)) {
      const quoted = [];
      while (i < lines.length && QUOTE.test(lines[i])) quoted.push(QUOTE.exec(lines[i++])[1]);
      found.push({ type: "quote", text: quoted.join(" ") });
    } else {
      const paragraph = [];
      while (i < lines.length && lines[i].trim() && !isBlockStart(lines[i])) {
        paragraph.push(lines[i++].trim());
      }
      found.push({ type: "p", text: paragraph.join(" ") });
    }
  }
  return found;
}

/**
 * An article body as elements. `headingBase`: the level a `#` heading becomes (the page's own
 * headings sit above the article's: in a panel under an <h2>, `#` becomes <h3>).
 */
export function Markdown({ text, headingBase = 3 }) {
  return html`<div class="markdown">
    ${blocks(text || "").map((block) => {
      switch (block.type) {
        case "heading": {
          const Tag = `h${Math.min(6, headingBase + block.level - 1)}`;
          return html`<${Tag}>${inline(block.text)}<//>`;
        }
        case "ul":
          return html`<ul>${block.items.map((item) => html`<li>${inline(item)}</li>`)}</ul>`;
        case "ol":
          return html`<ol>${block.items.map((item) => html`<li>${inline(item)}</li>`)}</ol>`;
        case "quote":
          return html`<blockquote>${inline(block.text)}</blockquote>`;
        case "code":
          return html`<pre><code>${block.text}</code></pre>`;
        default:
          return html`<p>${inline(block.text)}</p>`;
      }
    })}
  </div>`;
}

/** Search snippet segments ({text, match}) with the matched words marked. */
export function Snippet({ segments }) {
  return html`<p class="snippet">
    ${segments.map((segment) => (segment.match ? html`<mark>${segment.text}</mark>` : segment.text))}
  </p>`;
}

// The Knowledge panel of /agent-app-v2: search the knowledge base (published articles, most
// relevant first, the matched words marked), open an article, and the articles suggested for
// the contact on screen with the words that brought them. The server checks Wisdom.View on
// every request.
import { api } from "../api.js";
import { Markdown, Snippet } from "../markdown.js";
import { html, Message, useEffect, useRef, useState } from "../ui.js";

export function KnowledgePanel({ contact }) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState(null);
  const [searched, setSearched] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [openId, setOpenId] = useState(null);
  const returnFocus = useRef(null);

  const search = async (event) => {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.get(`/api/v1/knowledge/search?q=${encodeURIComponent(q)}`);
      setResults(answer.results);
      setSearched(q);
      setOpenId(null);
    } catch (caught) {
      setError(caught);
    }
    setBusy(false);
  };

  const open = (id, event) => {
    returnFocus.current = event?.currentTarget?.id || null;
    setOpenId(id);
  };
  const close = () => {
    setOpenId(null);
    const back = returnFocus.current;
    if (back) requestAnimationFrame(() => document.getElementById(back)?.focus());
  };

  if (openId) return html`<div class="knowledge"><${Article} id=${openId} onBack=${close} /></div>`;

  return html`<div class="knowledge">
    <form class="knowledge-search" role="search" onSubmit=${search}>
      <label for="knowledge-query">Search knowledge</label>
      <input id="knowledge-query" type="search" value=${query} maxlength="500"
        placeholder="e.g. refund policy" onInput=${(e) => setQuery(e.target.value)} />
      <button type="submit" class="primary" disabled=${busy}>Search</button>
    </form>
    <${Message} error=${error} />
    ${results && html`<section aria-labelledby="knowledge-results-heading">
      <h3 id="knowledge-results-heading">Results for “${searched}”</h3>
      ${results.length
        ? html`<${ResultList} results=${results} prefix="result" onOpen=${open} />`
        : html`<p class="muted" role="status">No published article matches “${searched}”.</p>`}
    </section>`}
    ${contact && html`<${Suggestions} contact=${contact} onOpen=${open} />`}
  </div>`;
}

function ResultList({ results, prefix, onOpen, reasons = false }) {
  return html`<ul class="knowledge-results">
    ${results.map(
      (result) => html`<li key=${result.articleId}>
        <button type="button" class="knowledge-link" id=${`${prefix}-${result.articleId}`}
          onClick=${(event) => onOpen(result.articleId, event)}>
          <span class="knowledge-title">${result.title}</span>
        </button>
        ${result.snippet.length > 0 && html`<${Snippet} segments=${result.snippet} />`}
        ${result.tags.length > 0 && html`<${Tags} tags=${result.tags} />`}
        ${reasons && result.reasons.length > 0 && html`<p class="knowledge-why muted">
          Because of: ${result.reasons.map((r) => `${r.term} (${r.source})`).join(", ")}</p>`}
      </li>`,
    )}
  </ul>`;
}

function Tags({ tags }) {
  return html`<ul class="knowledge-tags" aria-label="Tags">
    ${tags.map((tag) => html`<li key=${tag}>${tag}</li>`)}
  </ul>`;
}

/** Suggestions for the contact on screen, asked again when the contact or its attributes
 * change (a flow or the agent may set attributes while the contact is on screen). */
function Suggestions({ contact, onOpen }) {
  const [answer, setAnswer] = useState(null);
  const [error, setError] = useState(null);
  const attributes = JSON.stringify(contact.attributes || {});
  useEffect(() => {
    let current = true;
    setError(null);
    api.get(`/api/v1/knowledge/suggestions?contactId=${encodeURIComponent(contact.contactId)}`).then(
      (found) => current && setAnswer(found),
      (caught) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [contact.contactId, attributes, contact.state]);
  const suggestions = answer?.contactId === contact.contactId ? answer.suggestions : null;
  return html`<section class="knowledge-suggested" aria-labelledby="knowledge-suggested-heading">
    <h3 id="knowledge-suggested-heading">Suggested for this contact</h3>
    <${Message} error=${error} />
    ${suggestions && suggestions.length === 0 &&
    html`<p class="muted">Nothing in the knowledge base matches this contact yet.</p>`}
    ${suggestions && suggestions.length > 0 &&
    html`<${ResultList} results=${suggestions} prefix="suggested" onOpen=${onOpen} reasons />`}
  </section>`;
}

function Article({ id, onBack }) {
  const [article, setArticle] = useState(null);
  const [error, setError] = useState(null);
  const heading = useRef(null);
  useEffect(() => {
    api.get(`/api/v1/knowledge/articles/${encodeURIComponent(id)}`).then(setArticle, setError);
  }, [id]);
  useEffect(() => {
    if (article) heading.current?.focus();
  }, [article]);
  return html`<article class="knowledge-article" aria-busy=${!article && !error}>
    <button type="button" class="link" onClick=${onBack}>← Back to knowledge</button>
    <${Message} error=${error} />
    ${article && html`
      <h3 tabindex="-1" ref=${heading}>${article.title}</h3>
      ${article.tags.length > 0 && html`<${Tags} tags=${article.tags} />`}
      <${Markdown} text=${article.body} headingBase=${4} />
      <p class="muted knowledge-updated">Updated ${new Date(article.updatedAt).toLocaleString()}</p>`}
  </article>`;
}

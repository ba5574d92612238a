// Knowledge base: the articles agents search in the agent application. Editors (Wisdom.Edit)
// list and search them, drafts included, write them in Markdown with a preview, tag them,
// publish or take them back to draft, and delete them. Calls /api/v1/knowledge with the admin's
// session; the server checks Wisdom.Edit on every request.
import { api } from "../api.js";
import { Markdown, Snippet } from "../markdown.js";
import { html, Message, useState } from "../ui.js";
import {
  Badge, CheckField, Empty, FormActions, Link, Loading, PageHeader, subPath, TextField,
  useAdminData, useConfirmDelete, useSubmit,
} from "./kit.js";

const BASE = "/admin/knowledge";
const API = "/api/v1/knowledge/articles";

export function KnowledgeSection({ path, navigate }) {
  const [id] = subPath(path, BASE);
  if (id === "new") return html`<${ArticleForm} navigate=${navigate} />`;
  if (id) return html`<${ArticleForm} id=${id} navigate=${navigate} />`;
  return html`<${ArticleList} navigate=${navigate} />`;
}

function ArticleList({ navigate }) {
  const [query, setQuery] = useState("");
  const [searched, setSearched] = useState("");
  const { data, error, loading, reload } = useAdminData(
    [],
    async () => {
      const q = searched.trim();
      const answer = await api.get(q ? `${API}?maxResults=50&q=${encodeURIComponent(q)}` : `${API}?maxResults=50`);
      return answer.articles;
    },
    [searched],
  );
  const [notice, setNotice] = useState(null);
  const [actionError, setActionError] = useState(null);
  const [busy, setBusy] = useState(false);
  const removal = useConfirmDelete();

  const act = async (work, done) => {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      await reload();
    } catch (caught) {
      setActionError(caught);
    }
    setBusy(false);
  };
  const togglePublished = (article) =>
    article.status === "PUBLISHED"
      ? act(() => api.post(`${API}/${article.articleId}/unpublish`), `${article.title} is a draft again; agents no longer see it.`)
      : act(() => api.post(`${API}/${article.articleId}/publish`), `${article.title} is published; agents can find it.`);
  const remove = (article) =>
    removal.ask(
      "Delete article",
      `Delete “${article.title}”? Agents will no longer find it, and it cannot be brought back.`,
      async () => {
        await api.delete(`${API}/${article.articleId}`);
        setNotice(`${article.title} deleted.`);
        await reload();
      },
    );

  return html`<${PageHeader} title="Knowledge base"
      description="The articles agents search in the agent application. Agents see published articles only.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/new`)}>Add article</button>
    <//>
    <form class="row knowledge-admin-search" role="search"
      onSubmit=${(e) => { e.preventDefault(); setSearched(query); }}>
      <label for="knowledge-admin-query" class="visually-hidden">Search articles</label>
      <input id="knowledge-admin-query" type="search" value=${query} placeholder="Search articles"
        maxlength="500" onInput=${(e) => setQuery(e.target.value)} />
      <button type="submit">Search</button>
      ${searched && html`<button type="button" class="link"
        onClick=${() => { setQuery(""); setSearched(""); }}>Show all</button>`}
    </form>
    <${Message} error=${error || actionError || removal.error} notice=${notice} />
    ${removal.dialog}
    ${loading && html`<${Loading} />`}
    ${data && !data.length && html`<${Empty}>${searched
      ? `No article matches “${searched}”.`
      : "There are no articles yet. Add one to give agents answers at hand."}<//>`}
    ${data && data.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Knowledge articles</caption>
      <thead><tr><th scope="col">Title</th><th scope="col">Tags</th><th scope="col">Status</th>
        <th scope="col">Updated</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        ${data.map((article) => html`<tr key=${article.articleId}>
          <th scope="row"><${Link} href=${`${BASE}/${article.articleId}`}>${article.title}<//>
            ${article.snippet?.length > 0 && html`<${Snippet} segments=${article.snippet} />`}</th>
          <td>${article.tags.join(", ") || html`<span class="muted">—</span>`}</td>
          <td>${article.status === "PUBLISHED"
            ? html`<${Badge} tone="ok">Published<//>`
            : html`<${Badge} tone="off">Draft<//>`}</td>
          <td>${new Date(article.updatedAt).toLocaleString()}</td>
          <td class="actions">
            <button type="button" class="small" disabled=${busy}
              onClick=${() => togglePublished(article)}>
              ${article.status === "PUBLISHED" ? "Unpublish" : "Publish"}
              <span class="visually-hidden"> ${article.title}</span></button>
            <button type="button" class="small" aria-label=${`Edit ${article.title}`}
              onClick=${() => navigate(`${BASE}/${article.articleId}`)}>Edit</button>
            <button type="button" class="small danger" aria-label=${`Delete ${article.title}`}
              disabled=${busy} onClick=${() => remove(article)}>Delete</button>
          </td>
        </tr>`)}
      </tbody>
    </table></div>`}`;
}

const splitTags = (text) => text.split(",").map((tag) => tag.trim()).filter(Boolean);

function ArticleForm({ id, navigate }) {
  const creating = !id;
  const [form, setForm] = useState(null);
  const { data: original, error: loadError } = useAdminData(
    [],
    async () => {
      if (creating) return { title: "", body: "", tagsText: "", published: false };
      const article = await api.get(`${API}/${encodeURIComponent(id)}`);
      return { ...article, tagsText: article.tags.join(", "), published: article.status === "PUBLISHED" };
    },
    [id],
  );
  const values = form || original;
  const set = (key) => (value) => setForm({ ...values, [key]: value });

  const { busy, error, submit } = useSubmit(async () => {
    const input = { title: values.title, body: values.body, tags: splitTags(values.tagsText) };
    if (creating) {
      await api.post(API, { ...input, status: values.published ? "PUBLISHED" : "DRAFT" });
    } else {
      await api.patch(`${API}/${encodeURIComponent(id)}`, input);
      if (values.published !== (original.status === "PUBLISHED")) {
        await api.post(`${API}/${encodeURIComponent(id)}/${values.published ? "publish" : "unpublish"}`);
      }
    }
    navigate(BASE);
  });

  return html`<${PageHeader} title=${creating ? "Add article" : "Edit article"}
      crumbs=${[{ href: BASE, label: "Knowledge base" }]} />
    <${Message} error=${loadError} />
    ${!values && !loadError && html`<${Loading} />`}
    ${values && html`<form class="card form knowledge-form" onSubmit=${submit} novalidate>
      <${TextField} id="article-title" label="Title" value=${values.title}
        onInput=${set("title")} required maxlength="255" autofocus />
      <${TextField} id="article-tags" label="Tags" value=${values.tagsText}
        onInput=${set("tagsText")} hint="Separate tags with commas, e.g. billing, refunds." />
      <div class="knowledge-editor">
        <div class="field">
          <label for="article-body">Body</label>
          <textarea id="article-body" name="article-body" rows="16" value=${values.body}
            aria-describedby="article-body-hint" maxlength="100000"
            onInput=${(e) => set("body")(e.target.value)}></textarea>
          <p class="hint" id="article-body-hint">Markdown: # headings, **bold**, *italics*,
            - lists, 1. numbered lists, [links](https://…), \`code\`. HTML is shown as text.</p>
        </div>
        <section class="knowledge-preview" aria-labelledby="article-preview-heading">
          <h2 id="article-preview-heading">Preview</h2>
          ${values.body.trim()
            ? html`<${Markdown} text=${values.body} headingBase=${3} />`
            : html`<p class="muted">The article as agents will read it appears here.</p>`}
        </section>
      </div>
      <${CheckField} id="article-published" label="Published" checked=${values.published}
        hint="Agents find published articles; drafts only you and other editors see."
        onChange=${set("published")} />
      <${Message} error=${error} />
      <${FormActions} busy=${busy} onCancel=${() => navigate(BASE)} />
    </form>`}`;
}

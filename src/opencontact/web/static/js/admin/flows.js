// Routing > Flows of the admin website: the list of flows, creating one, importing a console
// export, and (flow-editor.js) the flow designer. The admin shell routes every /admin/flows...
// path here; `path` is what follows /admin.
import { html, Message, useEffect, useMemo, useState } from "../ui.js";
import { adminCall, lists } from "./connect.js";
import { Loading, PageHeader, useAdminData } from "./kit.js";
import {
  AppLink,
  FLOW_TYPES,
  FlowError,
  flowTypeName,
  minimalFlowContent,
  StatusBadge,
  useFlowsStylesheet,
} from "./flow-common.js";
import { FlowEditor } from "./flow-editor.js";

export function FlowsSection({ path, navigate }) {
  useFlowsStylesheet();
  // The shell may give the path after /admin ("/flows/<id>") or the whole one.
  const rest = (path || "/flows")
    .replace(/^\/admin(?=\/)/, "")
    .replace(/^\/flows\/?/, "")
    .replace(/\/$/, "");
  if (rest === "") return html`<${FlowList} navigate=${navigate} />`;
  if (rest === "new") return html`<${CreateFlow} navigate=${navigate} />`;
  if (rest === "import") return html`<${ImportFlow} navigate=${navigate} />`;
  const id = decodeURIComponent(rest.split("/")[0]);
  return html`<${FlowEditor} key=${id} flowId=${id} navigate=${navigate} />`;
}

/** Descriptions are not in ListContactFlows' summaries: describe the flows a few at a time. */
async function describeEach(flows, onDescribed, isCancelled) {
  const queue = [...flows];
  const worker = async () => {
    while (queue.length && !isCancelled()) {
      const flow = queue.shift();
      try {
        const { ContactFlow } = await adminCall("DescribeContactFlow", {
          ContactFlowId: `${flow.Id}:$SAVED`,
        });
        if (!isCancelled()) onDescribed(flow.Id, ContactFlow.Description || "");
      } catch {
        // A flow deleted meanwhile simply shows no description; the list re-reads anyway.
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

function FlowList({ navigate }) {
  // Re-read whenever the admin events feed says flows changed (no polling).
  const { data: flows, error } = useAdminData(["ContactFlow"], () => lists.flows());
  const [descriptions, setDescriptions] = useState({});
  const [search, setSearch] = useState("");
  useEffect(() => {
    if (!flows) return undefined;
    let cancelled = false;
    describeEach(
      flows,
      (id, description) => setDescriptions((known) => ({ ...known, [id]: description })),
      () => cancelled,
    );
    return () => {
      cancelled = true;
    };
  }, [flows]);

  const shown = useMemo(() => {
    const words = search.trim().toLowerCase();
    return (flows || []).filter((f) => !words || f.Name.toLowerCase().includes(words));
  }, [flows, search]);

  return html`<section class="flows-page">
    <${PageHeader} title="Flows"
        description="What callers hear and where their contacts go: open a flow to see its blocks.">
      <${AppLink} class="button" href="/admin/flows/import" navigate=${navigate}>Import flow<//>
      <${AppLink} class="button primary" href="/admin/flows/new" navigate=${navigate}>
        Create flow<//>
    <//>
    <${Message} error=${error} />
    <div class="toolbar">
      <div class="search">
        <label for="flow-search">Search by flow name</label>
        <input id="flow-search" type="search" value=${search}
          onInput=${(e) => setSearch(e.currentTarget.value)} />
      </div>
    </div>
    ${!flows && !error && html`<${Loading} what="Loading flows…" />`}
    ${flows &&
    html`<table>
      <caption class="visually-hidden">Flows</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Status</th>
        <th scope="col">Description</th></tr></thead>
      <tbody>
        ${shown.map((flow) => html`<tr key=${flow.Id}>
          <td><${AppLink} href=${`/admin/flows/${encodeURIComponent(flow.Id)}`}
            navigate=${navigate}>${flow.Name}<//></td>
          <td>${flowTypeName(flow.ContactFlowType)}</td>
          <td><${StatusBadge} status=${flow.ContactFlowStatus} /></td>
          <td>${descriptions[flow.Id] ?? ""}</td>
        </tr>`)}
      </tbody>
    </table>
    <p class="muted" role="status">
      ${shown.length === flows.length
        ? `${flows.length} flow${flows.length === 1 ? "" : "s"}`
        : `${shown.length} of ${flows.length} flows match “${search.trim()}”`}
    </p>`}
  </section>`;
}

function FlowDetailsFields({ name, setName, type, setType, description, setDescription }) {
  return html`
    <label for="flow-name">Name</label>
    <input id="flow-name" required maxlength="127" value=${name}
      onInput=${(e) => setName(e.currentTarget.value)} />
    <label for="flow-type">Type</label>
    <select id="flow-type" value=${type} onChange=${(e) => setType(e.currentTarget.value)}>
      ${FLOW_TYPES.map(([value, words]) => html`<option key=${value} value=${value}>${words}</option>`)}
    </select>
    <label for="flow-description">Description</label>
    <textarea id="flow-description" rows="2" maxlength="500" value=${description}
      onInput=${(e) => setDescription(e.currentTarget.value)}></textarea>`;
}

function CreateFlow({ navigate }) {
  const [name, setName] = useState("");
  const [type, setType] = useState("CONTACT_FLOW");
  const [description, setDescription] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(new Error("Enter a name for the flow."));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = { Name: name.trim(), Type: type, Content: minimalFlowContent() };
      if (description.trim()) input.Description = description.trim();
      const created = await adminCall("CreateContactFlow", input);
      navigate(`/admin/flows/${encodeURIComponent(created.ContactFlowId)}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return html`<section class="flows-page">
    <${PageHeader} title="Create flow" crumbs=${[{ href: "/admin/flows", label: "Flows" }]} />
    <form class="card" onSubmit=${submit} noValidate>
      <${FlowDetailsFields} ...${{ name, setName, type, setType, description, setDescription }} />
      <p class="hint">The new flow starts with a single Disconnect / hang up block and is
        published; open it to add blocks.</p>
      <${FlowError} error=${error} />
      <div class="row actions">
        <button type="submit" class="primary" disabled=${busy}>Create</button>
        <${AppLink} class="button" href="/admin/flows" navigate=${navigate}>Cancel<//>
      </div>
    </form>
  </section>`;
}

// Console exports name their type in camel case (Metadata.type "contactFlow").
function typeFromExport(word) {
  if (!word) return null;
  const upper = String(word).replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  return FLOW_TYPES.some(([value]) => value === upper) ? upper : null;
}

function ImportFlow({ navigate }) {
  const [name, setName] = useState("");
  const [type, setType] = useState("CONTACT_FLOW");
  const [description, setDescription] = useState("");
  const [content, setContent] = useState("");
  const [status, setStatus] = useState("PUBLISHED");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  // Fill the details the export carries, without overwriting what the user typed.
  const takeContent = (text, fileName) => {
    setContent(text);
    setError(null);
    try {
      const meta = JSON.parse(text)?.Metadata || {};
      if (!name.trim()) setName(meta.name || (fileName ? fileName.replace(/\.json$/i, "") : ""));
      if (!description.trim() && meta.description) setDescription(meta.description);
      const exported = typeFromExport(meta.type);
      if (exported) setType(exported);
    } catch {
      // Not JSON: said when the user imports.
    }
  };
  const onFile = (event) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    file.text().then(
      (text) => takeContent(text, file.name),
      () => setError(new Error(`The file ${file.name} could not be read.`)),
    );
  };

  const submit = async (event) => {
    event.preventDefault();
    if (!content.trim()) return setError(new Error("Choose a flow file or paste the flow's JSON."));
    try {
      JSON.parse(content);
    } catch (e) {
      return setError(new Error(`The flow content is not JSON: ${e.message}`));
    }
    if (!name.trim()) return setError(new Error("Enter a name for the flow."));
    setBusy(true);
    setError(null);
    try {
      // The content goes exactly as exported: Connect keeps it byte for byte.
      const input = { Name: name.trim(), Type: type, Content: content, Status: status };
      if (description.trim()) input.Description = description.trim();
      const created = await adminCall("CreateContactFlow", input);
      navigate(`/admin/flows/${encodeURIComponent(created.ContactFlowId)}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return html`<section class="flows-page">
    <${PageHeader} title="Import flow" crumbs=${[{ href: "/admin/flows", label: "Flows" }]} />
    <form class="card" onSubmit=${submit} noValidate>
      <label for="flow-file">Flow file (console export, JSON)</label>
      <input id="flow-file" type="file" accept=".json,application/json" onChange=${onFile} />
      <label for="flow-content">Flow content (JSON)</label>
      <textarea id="flow-content" class="json" spellcheck="false" value=${content}
        aria-describedby="flow-content-hint"
        onInput=${(e) => takeContent(e.currentTarget.value)}></textarea>
      <p class="hint" id="flow-content-hint">Choose the file the flow designer exported, or paste
        its JSON (Flow language, Version 2019-10-30).</p>
      <${FlowDetailsFields} ...${{ name, setName, type, setType, description, setDescription }} />
      <fieldset class="card">
        <legend>Status</legend>
        <label class="check"><input type="radio" name="flow-status" value="PUBLISHED"
          checked=${status === "PUBLISHED"} onChange=${() => setStatus("PUBLISHED")} />
          Publish (the flow must be valid)</label>
        <label class="check"><input type="radio" name="flow-status" value="SAVED"
          checked=${status === "SAVED"} onChange=${() => setStatus("SAVED")} />
          Save as a draft (not checked, does not run)</label>
      </fieldset>
      <${FlowError} error=${error} />
      <div class="row actions">
        <button type="submit" class="primary" disabled=${busy}>Import</button>
        <${AppLink} class="button" href="/admin/flows" navigate=${navigate}>Cancel<//>
      </div>
    </form>
  </section>`;
}

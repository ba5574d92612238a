// Users > Agent status: the statuses agents pick in the CCP, in their display order. Admins add
// custom ones (name, description, enabled), edit them, enable/disable them and move them up or
// down. Available and Offline are the system's and cannot be disabled.
import { html, Message, useState } from "../ui.js";
import { adminCall, listAll } from "./connect.js";
import {
  Badge, CheckField, Empty, FormActions, Link, Loading, PageHeader, subPath, TextArea,
  TextField, useAdminData, useSubmit,
} from "./kit.js";

const BASE = "/admin/agent-statuses";
const KINDS = ["AgentStatus"];

/** Statuses as agents see them: by DisplayOrder, those without one after, then by name. */
async function loadStatuses() {
  const summaries = await listAll("ListAgentStatuses", "AgentStatusSummaryList");
  const statuses = await Promise.all(
    summaries.map((s) =>
      adminCall("DescribeAgentStatus", { AgentStatusId: s.Id }).then((a) => a.AgentStatus),
    ),
  );
  const order = (status) => status.DisplayOrder ?? Number.MAX_SAFE_INTEGER;
  return statuses.sort((a, b) => order(a) - order(b) || a.Name.localeCompare(b.Name));
}

export function AgentStatusesSection({ path, navigate }) {
  const [id] = subPath(path, BASE);
  if (id === "new") return html`<${AgentStatusForm} navigate=${navigate} />`;
  if (id) return html`<${AgentStatusForm} id=${id} navigate=${navigate} />`;
  return html`<${AgentStatusList} navigate=${navigate} />`;
}

function AgentStatusList({ navigate }) {
  const { data, error, loading } = useAdminData(KINDS, loadStatuses);
  const [actionError, setActionError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [busy, setBusy] = useState(false);

  const act = async (work, done) => {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
    } catch (caught) {
      setActionError(caught);
    }
    setBusy(false);
  };

  // Moving one status renumbers the list 1..n so that every status has a distinct order.
  const move = (index, delta) =>
    act(async () => {
      const ordered = [...data];
      const [moved] = ordered.splice(index, 1);
      ordered.splice(index + delta, 0, moved);
      for (const [position, status] of ordered.entries()) {
        if (status.DisplayOrder !== position + 1) {
          await adminCall("UpdateAgentStatus", {
            AgentStatusId: status.AgentStatusId,
            DisplayOrder: position + 1,
          });
        }
      }
    }, `${data[index].Name} moved ${delta < 0 ? "up" : "down"}.`);

  const toggle = (status) => {
    const enable = status.State !== "ENABLED";
    return act(
      () =>
        adminCall("UpdateAgentStatus", {
          AgentStatusId: status.AgentStatusId,
          State: enable ? "ENABLED" : "DISABLED",
        }),
      `${status.Name} ${enable ? "enabled" : "disabled"}.`,
    );
  };

  return html`<${PageHeader} title="Agent status"
      description="The statuses agents can set in the Contact Control Panel, in the order they see them.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/new`)}>
        Add new agent status</button>
    <//>
    <${Message} error=${error || actionError} notice=${notice} />
    ${loading && html`<${Loading} />`}
    ${data && !data.length && html`<${Empty}>There are no agent statuses.<//>`}
    ${data && data.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Agent statuses</caption>
      <thead><tr><th scope="col">Order</th><th scope="col">Name</th>
        <th scope="col">Description</th><th scope="col">Type</th><th scope="col">Status</th>
        <th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        ${data.map((status, index) => html`<tr key=${status.AgentStatusId}>
          <td class="order-cell">
            <span class="order-number">${index + 1}</span>
            <button type="button" class="icon" aria-label=${`Move ${status.Name} up`}
              disabled=${busy || index === 0} onClick=${() => move(index, -1)}>↑</button>
            <button type="button" class="icon" aria-label=${`Move ${status.Name} down`}
              disabled=${busy || index === data.length - 1} onClick=${() => move(index, 1)}>↓</button>
          </td>
          <th scope="row"><${Link} href=${`${BASE}/${status.AgentStatusId}`}>${status.Name}<//></th>
          <td>${status.Description || html`<span class="muted">—</span>`}</td>
          <td>${typeLabel(status.Type)}</td>
          <td>${status.State === "ENABLED"
            ? html`<${Badge} tone="ok">Enabled<//>`
            : html`<${Badge} tone="off">Disabled<//>`}</td>
          <td class="actions">
            ${status.Type === "CUSTOM" && html`<button type="button" class="small"
              disabled=${busy} onClick=${() => toggle(status)}>
              ${status.State === "ENABLED" ? "Disable" : "Enable"}
              <span class="visually-hidden"> ${status.Name}</span></button>`}
            <button type="button" class="small" aria-label=${`Edit ${status.Name}`}
              onClick=${() => navigate(`${BASE}/${status.AgentStatusId}`)}>Edit</button>
          </td>
        </tr>`)}
      </tbody>
    </table></div>`}`;
}

function typeLabel(type) {
  return { ROUTABLE: "Routable", OFFLINE: "Offline", CUSTOM: "Custom" }[type] || type;
}

function AgentStatusForm({ id, navigate }) {
  const creating = !id;
  const [form, setForm] = useState(null);
  const { data: original, error: loadError } = useAdminData(
    [],
    async () => {
      if (creating) return { Name: "", Description: "", State: "ENABLED", Type: "CUSTOM" };
      return (await adminCall("DescribeAgentStatus", { AgentStatusId: id })).AgentStatus;
    },
    [id],
  );
  const values = form || original;
  const set = (key) => (value) => setForm({ ...values, [key]: value });

  const { busy, error, submit } = useSubmit(async () => {
    const input = { Name: values.Name.trim(), Description: (values.Description || "").trim(), State: values.State };
    // Connect refuses an empty Description when a status is created: leave it out then.
    if (creating && !input.Description) delete input.Description;
    if (creating) await adminCall("CreateAgentStatus", input);
    else await adminCall("UpdateAgentStatus", { AgentStatusId: id, ...input });
    navigate(BASE);
  });

  const title = creating ? "Add new agent status" : `Edit agent status`;
  return html`<${PageHeader} title=${title}
      crumbs=${[{ href: BASE, label: "Agent status" }]} />
    <${Message} error=${loadError} />
    ${!values && !loadError && html`<${Loading} />`}
    ${values && html`<form class="card form" onSubmit=${submit} novalidate>
      <${TextField} id="status-name" label="Status name" value=${values.Name}
        onInput=${set("Name")} required maxlength="127" autofocus />
      <${TextArea} id="status-description" label="Description" value=${values.Description}
        onInput=${set("Description")} maxlength="250" />
      <${CheckField} id="status-enabled" label="Enabled" checked=${values.State === "ENABLED"}
        disabled=${values.Type !== "CUSTOM"}
        hint=${values.Type !== "CUSTOM" ? "System statuses are always enabled." : "Agents can choose enabled statuses in the CCP."}
        onChange=${(on) => setForm({ ...values, State: on ? "ENABLED" : "DISABLED" })} />
      <${Message} error=${error} />
      <${FormActions} busy=${busy} onCancel=${() => navigate(BASE)} />
    </form>`}`;
}

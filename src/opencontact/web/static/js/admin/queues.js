// Routing > Queues: the queues contacts wait in. Editing one sets its name and description,
// hours of operation, maximum contacts, outbound caller ID and, in its Quick connects section,
// the quick connects agents working that queue see in the CCP.
import { html, Message, useState } from "../ui.js";
import { adminCall, listAll, lists } from "./connect.js";
import {
  Badge, CheckField, Empty, FormActions, Link, Loading, PageHeader, SelectField, subPath,
  TextArea, TextField, useAdminData, useSubmit,
} from "./kit.js";

const BASE = "/admin/queues";

export function QueuesSection({ path, navigate }) {
  const [id] = subPath(path, BASE);
  if (id === "new") return html`<${QueueForm} navigate=${navigate} />`;
  if (id) return html`<${QueueForm} id=${id} navigate=${navigate} />`;
  return html`<${QueueList} navigate=${navigate} />`;
}

async function loadQueueList() {
  const [summaries, hours] = await Promise.all([lists.queues(), lists.hours()]);
  const queues = await Promise.all(
    summaries.map((q) => adminCall("DescribeQueue", { QueueId: q.Id }).then((a) => a.Queue)),
  );
  return { queues, hours: Object.fromEntries(hours.map((h) => [h.Id, h.Name])) };
}

function QueueList({ navigate }) {
  const { data, error, loading } = useAdminData(["Queue", "HoursOfOperation"], loadQueueList);
  return html`<${PageHeader} title="Queues"
      description="Where contacts wait for an agent, with their hours, limits and quick connects.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/new`)}>
        Add new queue</button>
    <//>
    <${Message} error=${error} />
    ${loading && html`<${Loading} />`}
    ${data && !data.queues.length && html`<${Empty}>There are no queues yet.<//>`}
    ${data && data.queues.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Queues</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Description</th>
        <th scope="col">Hours of operation</th><th scope="col">Maximum contacts</th>
        <th scope="col">Status</th></tr></thead>
      <tbody>${data.queues.map((queue) => html`<tr key=${queue.QueueId}>
        <th scope="row"><${Link} href=${`${BASE}/${queue.QueueId}`}>${queue.Name}<//></th>
        <td>${queue.Description || html`<span class="muted">—</span>`}</td>
        <td>${data.hours[queue.HoursOfOperationId] || ""}</td>
        <td>${queue.MaxContacts ?? html`<span class="muted">No limit</span>`}</td>
        <td>${queue.Status === "DISABLED"
          ? html`<${Badge} tone="off">Disabled<//>` : html`<${Badge} tone="ok">Enabled<//>`}</td>
      </tr>`)}</tbody>
    </table></div>`}`;
}

function quickConnectTypeLabel(type) {
  return { USER: "User", QUEUE: "Queue", PHONE_NUMBER: "Phone number", FLOW: "Flow" }[type] || type;
}

function QueueForm({ id, navigate }) {
  const creating = !id;
  const { data, error: loadError } = useAdminData(
    [],
    async () => {
      const [queue, associated, hours, quickConnects, phoneNumbers] = await Promise.all([
        creating ? null : adminCall("DescribeQueue", { QueueId: id }).then((a) => a.Queue),
        creating
          ? []
          : listAll("ListQueueQuickConnects", "QuickConnectSummaryList", { QueueId: id }),
        lists.hours(),
        lists.quickConnects(),
        lists.phoneNumbers(),
      ]);
      const caller = queue?.OutboundCallerConfig || {};
      const values = {
        Name: queue?.Name || "",
        Description: queue?.Description || "",
        HoursOfOperationId: queue?.HoursOfOperationId ||
          hours.find((h) => h.Name === "Basic Hours")?.Id || hours[0]?.Id || "",
        MaxContacts: queue?.MaxContacts === undefined || queue?.MaxContacts === null ? "" : String(queue.MaxContacts),
        OutboundCallerIdName: caller.OutboundCallerIdName || "",
        OutboundCallerIdNumberId: caller.OutboundCallerIdNumberId || "",
        Enabled: (queue?.Status || "ENABLED") === "ENABLED",
        QuickConnectIds: associated.map((q) => q.Id),
      };
      return { queue, values, hours, quickConnects, phoneNumbers };
    },
    [id],
  );
  const [form, setForm] = useState(null);
  const [toAdd, setToAdd] = useState("");
  const values = form || data?.values;
  const set = (key) => (value) => setForm({ ...values, [key]: value });

  const callerConfig = (v) => {
    const config = { OutboundCallerIdName: v.OutboundCallerIdName.trim() };
    if (v.OutboundCallerIdNumberId) config.OutboundCallerIdNumberId = v.OutboundCallerIdNumberId;
    return config;
  };
  const maxContacts = (v) => (v.MaxContacts === "" ? undefined : Number(v.MaxContacts));

  const { busy, error, submit } = useSubmit(async () => {
    if (creating) {
      const input = {
        Name: values.Name.trim(),
        Description: values.Description.trim() || undefined,
        HoursOfOperationId: values.HoursOfOperationId,
        OutboundCallerConfig: callerConfig(values),
        QuickConnectIds: values.QuickConnectIds.length ? values.QuickConnectIds : undefined,
      };
      if (maxContacts(values) !== undefined) input.MaxContacts = maxContacts(values);
      await adminCall("CreateQueue", input);
      navigate(BASE);
      return;
    }
    const before = data.values;
    if (values.Name !== before.Name || values.Description !== before.Description) {
      await adminCall("UpdateQueueName", {
        QueueId: id,
        Name: values.Name.trim(),
        Description: values.Description.trim() || undefined,
      });
    }
    if (values.HoursOfOperationId !== before.HoursOfOperationId) {
      await adminCall("UpdateQueueHoursOfOperation", {
        QueueId: id,
        HoursOfOperationId: values.HoursOfOperationId,
      });
    }
    if (values.MaxContacts !== before.MaxContacts) {
      const input = { QueueId: id };
      if (maxContacts(values) !== undefined) input.MaxContacts = maxContacts(values);
      await adminCall("UpdateQueueMaxContacts", input);
    }
    if (JSON.stringify(callerConfig(values)) !== JSON.stringify(callerConfig(before))) {
      await adminCall("UpdateQueueOutboundCallerConfig", {
        QueueId: id,
        OutboundCallerConfig: callerConfig(values),
      });
    }
    if (values.Enabled !== before.Enabled) {
      await adminCall("UpdateQueueStatus", {
        QueueId: id,
        Status: values.Enabled ? "ENABLED" : "DISABLED",
      });
    }
    const added = values.QuickConnectIds.filter((q) => !before.QuickConnectIds.includes(q));
    const removed = before.QuickConnectIds.filter((q) => !values.QuickConnectIds.includes(q));
    if (added.length) {
      await adminCall("AssociateQueueQuickConnects", { QueueId: id, QuickConnectIds: added });
    }
    if (removed.length) {
      await adminCall("DisassociateQueueQuickConnects", { QueueId: id, QuickConnectIds: removed });
    }
    navigate(BASE);
  });

  if (loadError) {
    return html`<${PageHeader} title="Edit queue" crumbs=${[{ href: BASE, label: "Queues" }]} />
      <${Message} error=${loadError} />`;
  }
  if (!values) return html`<${Loading} />`;

  const byId = Object.fromEntries(data.quickConnects.map((q) => [q.Id, q]));
  const available = data.quickConnects.filter((q) => !values.QuickConnectIds.includes(q.Id));
  const addQuickConnect = () => {
    if (!toAdd) return;
    setForm({ ...values, QuickConnectIds: [...values.QuickConnectIds, toAdd] });
    setToAdd("");
  };
  const removeQuickConnect = (quickConnectId) =>
    setForm({ ...values, QuickConnectIds: values.QuickConnectIds.filter((q) => q !== quickConnectId) });

  return html`<${PageHeader} title=${creating ? "Add new queue" : `Edit queue: ${data.queue.Name}`}
      crumbs=${[{ href: BASE, label: "Queues" }]} />
    <form class="card form" onSubmit=${submit} novalidate>
      <fieldset>
        <legend>Queue details</legend>
        <${TextField} id="queue-name" label="Name" value=${values.Name}
          onInput=${set("Name")} required maxlength="127" />
        <${TextArea} id="queue-description" label="Description" value=${values.Description}
          onInput=${set("Description")} maxlength="250" />
        <${SelectField} id="queue-hours" label="Hours of operation"
          value=${values.HoursOfOperationId} onChange=${set("HoursOfOperationId")}
          options=${data.hours.map((h) => ({ value: h.Id, label: h.Name }))} />
        <${TextField} id="queue-max-contacts" label="Maximum contacts in queue" type="number"
          min="0" value=${values.MaxContacts} onInput=${set("MaxContacts")}
          hint="Leave empty for no limit. When the queue is full, new contacts take the flow's error branch." />
        ${!creating && html`<${CheckField} id="queue-enabled" label="Enabled"
          checked=${values.Enabled} onChange=${set("Enabled")} />`}
      </fieldset>
      <fieldset>
        <legend>Outbound caller configuration</legend>
        <${TextField} id="queue-caller-name" label="Outbound caller ID name"
          value=${values.OutboundCallerIdName} onInput=${set("OutboundCallerIdName")} />
        <${SelectField} id="queue-caller-number" label="Outbound caller ID number"
          value=${values.OutboundCallerIdNumberId} onChange=${set("OutboundCallerIdNumberId")}
          placeholder="None"
          options=${data.phoneNumbers.map((n) => ({ value: n.Id, label: n.PhoneNumber }))}
          hint="A phone number claimed for this instance." />
      </fieldset>
      <fieldset class="quick-connects">
        <legend>Quick connects</legend>
        <p class="hint">Agents working this queue see these quick connects in the CCP.</p>
        ${values.QuickConnectIds.length === 0
          ? html`<p class="muted">No quick connects.</p>`
          : html`<ul class="chip-list" aria-label="Quick connects of this queue">
            ${values.QuickConnectIds.map((qid) => html`<li class="chip" key=${qid}>
              <span>${byId[qid]?.Name || qid}</span>
              <span class="muted small">${quickConnectTypeLabel(byId[qid]?.QuickConnectType)}</span>
              <button type="button" class="link remove"
                aria-label=${`Remove ${byId[qid]?.Name || qid}`}
                onClick=${() => removeQuickConnect(qid)}>×</button>
            </li>`)}
          </ul>`}
        <div class="row add-row">
          <div class="grow">
            <${SelectField} id="queue-add-quick-connect" label="Add quick connect" value=${toAdd}
              onChange=${setToAdd} placeholder="Choose a quick connect"
              options=${available.map((q) => ({
                value: q.Id,
                label: `${q.Name} (${quickConnectTypeLabel(q.QuickConnectType)})`,
              }))} />
          </div>
          <button type="button" onClick=${addQuickConnect} disabled=${!toAdd}>Add</button>
        </div>
      </fieldset>
      <${Message} error=${error} />
      <${FormActions} busy=${busy} onCancel=${() => navigate(BASE)} />
    </form>`;
}

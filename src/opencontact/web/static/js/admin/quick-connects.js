// Routing > Quick connects: the destinations agents transfer to or dial from the CCP. A User
// quick connect names an agent and a transfer-to-agent flow, a Queue one a queue and a
// transfer-to-queue flow, a Phone number one an E.164 number (no flow). Agents see them once
// they are added to a queue's Quick connects.
import { html, Message, useState } from "../ui.js";
import { adminCall, lists } from "./connect.js";
import {
  Badge, Empty, FormActions, Link, Loading, PageHeader, SelectField, subPath, TextArea,
  TextField, useAdminData, useConfirmDelete, useSubmit,
} from "./kit.js";

const BASE = "/admin/quick-connects";

export const TYPE_LABELS = { USER: "User", QUEUE: "Queue", PHONE_NUMBER: "Phone number" };

export function QuickConnectsSection({ path, navigate }) {
  const [id] = subPath(path, BASE);
  if (id === "new") return html`<${QuickConnectForm} navigate=${navigate} />`;
  if (id) return html`<${QuickConnectForm} id=${id} navigate=${navigate} />`;
  return html`<${QuickConnectList} navigate=${navigate} />`;
}

async function loadQuickConnects() {
  const [summaries, users, queues] = await Promise.all([
    lists.quickConnects(),
    lists.users(),
    lists.queues(),
  ]);
  const quickConnects = await Promise.all(
    summaries.map((q) =>
      adminCall("DescribeQuickConnect", { QuickConnectId: q.Id }).then((a) => a.QuickConnect),
    ),
  );
  return {
    quickConnects,
    users: Object.fromEntries(users.map((u) => [u.Id, u.Username])),
    queues: Object.fromEntries(queues.map((q) => [q.Id, q.Name])),
  };
}

function destination(quickConnect, data) {
  const config = quickConnect.QuickConnectConfig || {};
  if (config.UserConfig) return data.users[config.UserConfig.UserId] || config.UserConfig.UserId;
  if (config.QueueConfig) return data.queues[config.QueueConfig.QueueId] || config.QueueConfig.QueueId;
  if (config.PhoneConfig) return config.PhoneConfig.PhoneNumber;
  return "";
}

function QuickConnectList({ navigate }) {
  const { data, error, loading } = useAdminData(["QuickConnect", "User", "Queue"], loadQuickConnects);
  const confirm = useConfirmDelete();
  const remove = (quickConnect) =>
    confirm.ask(
      "Delete quick connect",
      `Delete the quick connect ${quickConnect.Name}? Agents can no longer use it, and it leaves every queue it was added to.`,
      () => adminCall("DeleteQuickConnect", { QuickConnectId: quickConnect.QuickConnectId }),
    );
  return html`<${PageHeader} title="Quick connects"
      description="Agents, queues and phone numbers agents can transfer to or call from the CCP.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/new`)}>
        Add new</button>
    <//>
    <${Message} error=${error || confirm.error} />
    ${loading && html`<${Loading} />`}
    ${data && !data.quickConnects.length && html`<${Empty}>There are no quick connects yet.
      Add one, then add it to a queue's Quick connects.<//>`}
    ${data && data.quickConnects.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Quick connects</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Type</th>
        <th scope="col">Destination</th><th scope="col">Description</th>
        <th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${data.quickConnects.map((q) => html`<tr key=${q.QuickConnectId}>
        <th scope="row"><${Link} href=${`${BASE}/${q.QuickConnectId}`}>${q.Name}<//></th>
        <td><${Badge}>${TYPE_LABELS[q.QuickConnectConfig?.QuickConnectType] || q.QuickConnectConfig?.QuickConnectType}<//></td>
        <td>${destination(q, data)}</td>
        <td>${q.Description || html`<span class="muted">—</span>`}</td>
        <td class="actions">
          <button type="button" class="small" aria-label=${`Edit ${q.Name}`}
            onClick=${() => navigate(`${BASE}/${q.QuickConnectId}`)}>Edit</button>
          <button type="button" class="small danger" aria-label=${`Delete ${q.Name}`}
            onClick=${() => remove(q)}>Delete</button>
        </td>
      </tr>`)}</tbody>
    </table></div>`}
    ${confirm.dialog}`;
}

const FLOW_TYPE = { USER: "AGENT_TRANSFER", QUEUE: "QUEUE_TRANSFER" };
const DEFAULT_FLOW = { USER: "Default agent transfer", QUEUE: "Default queue transfer" };

function configOf(values) {
  const type = values.QuickConnectType;
  const config = { QuickConnectType: type };
  if (type === "USER") config.UserConfig = { UserId: values.UserId, ContactFlowId: values.ContactFlowId };
  if (type === "QUEUE") config.QueueConfig = { QueueId: values.QueueId, ContactFlowId: values.ContactFlowId };
  if (type === "PHONE_NUMBER") config.PhoneConfig = { PhoneNumber: values.PhoneNumber.trim() };
  return config;
}

function QuickConnectForm({ id, navigate }) {
  const creating = !id;
  const { data, error: loadError } = useAdminData(
    [],
    async () => {
      const [quickConnect, users, queues, flows] = await Promise.all([
        creating
          ? null
          : adminCall("DescribeQuickConnect", { QuickConnectId: id }).then((a) => a.QuickConnect),
        lists.users(),
        lists.queues(),
        lists.flows(["AGENT_TRANSFER", "QUEUE_TRANSFER"]),
      ]);
      const config = quickConnect?.QuickConnectConfig || { QuickConnectType: "USER" };
      const values = {
        Name: quickConnect?.Name || "",
        Description: quickConnect?.Description || "",
        QuickConnectType: config.QuickConnectType,
        UserId: config.UserConfig?.UserId || "",
        QueueId: config.QueueConfig?.QueueId || "",
        PhoneNumber: config.PhoneConfig?.PhoneNumber || "",
        ContactFlowId:
          config.UserConfig?.ContactFlowId || config.QueueConfig?.ContactFlowId ||
          flows.find((f) => f.Name === DEFAULT_FLOW.USER)?.Id || "",
      };
      return { quickConnect, values, users, queues, flows };
    },
    [id],
  );
  const [form, setForm] = useState(null);
  const values = form || data?.values;
  const set = (key) => (value) => setForm({ ...values, [key]: value });
  const confirm = useConfirmDelete();

  // Switching between User and Queue proposes that type's default transfer flow.
  const setType = (type) => {
    const flow = data.flows.find((f) => f.Name === DEFAULT_FLOW[type]);
    setForm({ ...values, QuickConnectType: type, ContactFlowId: flow?.Id || "" });
  };

  const { busy, error, submit } = useSubmit(async () => {
    if (creating) {
      await adminCall("CreateQuickConnect", {
        Name: values.Name.trim(),
        Description: values.Description.trim() || undefined,
        QuickConnectConfig: configOf(values),
      });
      navigate(BASE);
      return;
    }
    const before = data.values;
    if (values.Name !== before.Name || values.Description !== before.Description) {
      await adminCall("UpdateQuickConnectName", {
        QuickConnectId: id,
        Name: values.Name.trim(),
        Description: values.Description.trim() || undefined,
      });
    }
    if (JSON.stringify(configOf(values)) !== JSON.stringify(configOf(before))) {
      await adminCall("UpdateQuickConnectConfig", {
        QuickConnectId: id,
        QuickConnectConfig: configOf(values),
      });
    }
    navigate(BASE);
  });

  const remove = () =>
    confirm.ask(
      "Delete quick connect",
      `Delete the quick connect ${data.quickConnect.Name}? Agents can no longer use it.`,
      async () => {
        await adminCall("DeleteQuickConnect", { QuickConnectId: id });
        navigate(BASE);
      },
    );

  if (loadError) {
    return html`<${PageHeader} title="Edit quick connect"
      crumbs=${[{ href: BASE, label: "Quick connects" }]} /><${Message} error=${loadError} />`;
  }
  if (!values) return html`<${Loading} />`;
  const type = values.QuickConnectType;
  const flows = data.flows.filter((f) => f.ContactFlowType === FLOW_TYPE[type]);

  return html`<${PageHeader}
      title=${creating ? "Add quick connect" : `Edit quick connect: ${data.quickConnect.Name}`}
      crumbs=${[{ href: BASE, label: "Quick connects" }]}>
      ${!creating && html`<button type="button" class="danger" onClick=${remove}>
        Delete quick connect</button>`}
    <//>
    <${Message} error=${confirm.error} />
    <form class="card form" onSubmit=${submit} novalidate>
      <${TextField} id="qc-name" label="Name" value=${values.Name} onInput=${set("Name")}
        required maxlength="127" />
      <${TextArea} id="qc-description" label="Description" value=${values.Description}
        onInput=${set("Description")} maxlength="250" />
      <${SelectField} id="qc-type" label="Type" value=${type} onChange=${setType}
        options=${Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
      ${type === "USER" && html`<${SelectField} id="qc-user" label="User" value=${values.UserId}
        onChange=${set("UserId")} placeholder="Choose a user"
        options=${data.users.map((u) => ({ value: u.Id, label: u.Username }))} />`}
      ${type === "QUEUE" && html`<${SelectField} id="qc-queue" label="Queue" value=${values.QueueId}
        onChange=${set("QueueId")} placeholder="Choose a queue"
        options=${data.queues.map((q) => ({ value: q.Id, label: q.Name }))} />`}
      ${type === "PHONE_NUMBER" && html`<${TextField} id="qc-phone" label="Phone number" type="tel"
        value=${values.PhoneNumber} onInput=${set("PhoneNumber")} placeholder="+12065550100"
        hint="In E.164 format, for example +12065550100." />`}
      ${type !== "PHONE_NUMBER" && html`<${SelectField} id="qc-flow" label="Contact flow"
        value=${values.ContactFlowId} onChange=${set("ContactFlowId")} placeholder="Choose a flow"
        options=${flows.map((f) => ({ value: f.Id, label: f.Name }))}
        hint=${type === "USER"
          ? "A transfer to agent flow, such as Default agent transfer."
          : "A transfer to queue flow, such as Default queue transfer."} />`}
      <${Message} error=${error} />
      <${FormActions} busy=${busy} onCancel=${() => navigate(BASE)} />
    </form>
    ${confirm.dialog}`;
}

// Routing > Routing profiles: which queues an agent takes contacts from, per channel, with
// priority (1 first) and delay (seconds a contact waits before agents of this profile get it),
// how many contacts of each channel an agent handles at once, and the default outbound queue.
import { html, Message, useState } from "../ui.js";
import { adminCall, listAll, lists } from "./connect.js";
import {
  CheckField, Empty, FormActions, Link, Loading, PageHeader, SelectField, subPath, TextArea,
  TextField, useAdminData, useSubmit,
} from "./kit.js";

const BASE = "/admin/routing-profiles";
const CHANNELS = [
  { channel: "VOICE", label: "Voice", max: 1 },
  { channel: "CHAT", label: "Chat", max: 10 },
  { channel: "TASK", label: "Task", max: 10 },
];
const CHANNEL_LABEL = Object.fromEntries(CHANNELS.map((c) => [c.channel, c.label]));

export function RoutingProfilesSection({ path, navigate }) {
  const [id] = subPath(path, BASE);
  if (id === "new") return html`<${RoutingProfileForm} navigate=${navigate} />`;
  if (id) return html`<${RoutingProfileForm} id=${id} navigate=${navigate} />`;
  return html`<${RoutingProfileList} navigate=${navigate} />`;
}

async function loadProfiles() {
  const [summaries, queues] = await Promise.all([lists.routingProfiles(), lists.queues()]);
  const profiles = await Promise.all(
    summaries.map((p) =>
      adminCall("DescribeRoutingProfile", { RoutingProfileId: p.Id }).then((a) => a.RoutingProfile),
    ),
  );
  return { profiles, queues: Object.fromEntries(queues.map((q) => [q.Id, q.Name])) };
}

function concurrencyText(profile) {
  return (profile.MediaConcurrencies || [])
    .filter((m) => m.Concurrency > 0)
    .map((m) => `${CHANNEL_LABEL[m.Channel] || m.Channel} ${m.Concurrency}`)
    .join(" · ");
}

function RoutingProfileList({ navigate }) {
  const { data, error, loading } = useAdminData(["RoutingProfile", "Queue"], loadProfiles);
  return html`<${PageHeader} title="Routing profiles"
      description="Which queues agents take contacts from, on which channels, and how many at once.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/new`)}>
        Add new profile</button>
    <//>
    <${Message} error=${error} />
    ${loading && html`<${Loading} />`}
    ${data && !data.profiles.length && html`<${Empty}>There are no routing profiles.<//>`}
    ${data && data.profiles.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Routing profiles</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Description</th>
        <th scope="col">Channels</th><th scope="col">Queues</th>
        <th scope="col">Default outbound queue</th></tr></thead>
      <tbody>${data.profiles.map((p) => html`<tr key=${p.RoutingProfileId}>
        <th scope="row"><${Link} href=${`${BASE}/${p.RoutingProfileId}`}>${p.Name}<//></th>
        <td>${p.Description || html`<span class="muted">—</span>`}</td>
        <td>${concurrencyText(p)}</td>
        <td>${p.NumberOfAssociatedQueues ?? ""}</td>
        <td>${data.queues[p.DefaultOutboundQueueId] || ""}</td>
      </tr>`)}</tbody>
    </table></div>`}`;
}

const key = (row) => `${row.QueueId}/${row.Channel}`;

function RoutingProfileForm({ id, navigate }) {
  const creating = !id;
  const { data, error: loadError } = useAdminData(
    [],
    async () => {
      const [profile, rows, queues] = await Promise.all([
        creating
          ? null
          : adminCall("DescribeRoutingProfile", { RoutingProfileId: id }).then((a) => a.RoutingProfile),
        creating
          ? []
          : listAll("ListRoutingProfileQueues", "RoutingProfileQueueConfigSummaryList", {
              RoutingProfileId: id,
            }),
        lists.queues(),
      ]);
      const media = profile?.MediaConcurrencies || [{ Channel: "VOICE", Concurrency: 1 }];
      const anyChannel = Object.fromEntries(
        media.map((m) => [m.Channel, m.CrossChannelBehavior?.BehaviorType === "ROUTE_ANY_CHANNEL"]),
      );
      const concurrency = Object.fromEntries(
        media.map((m) => [
          m.Channel,
          m.Concurrency,
        ]),
      );
      const values = {
        Name: profile?.Name || "",
        Description: profile?.Description || "",
        DefaultOutboundQueueId: profile?.DefaultOutboundQueueId ||
          queues.find((q) => q.Name === "BasicQueue")?.Id || queues[0]?.Id || "",
        Channels: Object.fromEntries(
          CHANNELS.map((c) => [c.channel, { on: (concurrency[c.channel] || 0) > 0,
            concurrency: String(concurrency[c.channel] || 1),
            anyChannel: Boolean(anyChannel[c.channel]) }]),
        ),
        Queues: rows.map((r) => ({
          QueueId: r.QueueId,
          Channel: r.Channel,
          Priority: String(r.Priority),
          Delay: String(r.Delay),
        })),
      };
      return { profile, values, queues };
    },
    [id],
  );
  const [form, setForm] = useState(null);
  const [newQueue, setNewQueue] = useState({ QueueId: "", Channel: "VOICE" });
  const values = form || data?.values;
  const set = (field) => (value) => setForm({ ...values, [field]: value });

  const concurrencies = (v) =>
    CHANNELS.map((c) => ({
      Channel: c.channel,
      Concurrency: v.Channels[c.channel].on ? Number(v.Channels[c.channel].concurrency) : 0,
      CrossChannelBehavior: {
        BehaviorType: v.Channels[c.channel].anyChannel ? "ROUTE_ANY_CHANNEL" : "ROUTE_CURRENT_CHANNEL_ONLY",
      },
    }));
  const queueConfig = (row) => ({
    QueueReference: { QueueId: row.QueueId, Channel: row.Channel },
    Priority: Number(row.Priority),
    Delay: Number(row.Delay),
  });

  const { busy, error, submit } = useSubmit(async () => {
    if (creating) {
      await adminCall("CreateRoutingProfile", {
        Name: values.Name.trim(),
        Description: values.Description.trim() || undefined,
        DefaultOutboundQueueId: values.DefaultOutboundQueueId,
        MediaConcurrencies: concurrencies(values).filter((m) => m.Concurrency > 0),
        QueueConfigs: values.Queues.length ? values.Queues.map(queueConfig) : undefined,
      });
      navigate(BASE);
      return;
    }
    const before = data.values;
    if (values.Name !== before.Name || values.Description !== before.Description) {
      await adminCall("UpdateRoutingProfileName", {
        RoutingProfileId: id,
        Name: values.Name.trim(),
        Description: values.Description.trim() || undefined,
      });
    }
    if (JSON.stringify(concurrencies(values)) !== JSON.stringify(concurrencies(before))) {
      await adminCall("UpdateRoutingProfileConcurrency", {
        RoutingProfileId: id,
        MediaConcurrencies: concurrencies(values),
      });
    }
    if (values.DefaultOutboundQueueId !== before.DefaultOutboundQueueId) {
      await adminCall("UpdateRoutingProfileDefaultOutboundQueue", {
        RoutingProfileId: id,
        DefaultOutboundQueueId: values.DefaultOutboundQueueId,
      });
    }
    const beforeRows = Object.fromEntries(before.Queues.map((r) => [key(r), r]));
    const nowRows = Object.fromEntries(values.Queues.map((r) => [key(r), r]));
    const removed = before.Queues.filter((r) => !nowRows[key(r)]);
    const added = values.Queues.filter((r) => !beforeRows[key(r)]);
    const changed = values.Queues.filter(
      (r) => beforeRows[key(r)] && JSON.stringify(beforeRows[key(r)]) !== JSON.stringify(r),
    );
    if (removed.length) {
      await adminCall("DisassociateRoutingProfileQueues", {
        RoutingProfileId: id,
        QueueReferences: removed.map((r) => ({ QueueId: r.QueueId, Channel: r.Channel })),
      });
    }
    if (added.length) {
      await adminCall("AssociateRoutingProfileQueues", {
        RoutingProfileId: id,
        QueueConfigs: added.map(queueConfig),
      });
    }
    if (changed.length) {
      await adminCall("UpdateRoutingProfileQueues", {
        RoutingProfileId: id,
        QueueConfigs: changed.map(queueConfig),
      });
    }
    navigate(BASE);
  });

  if (loadError) {
    return html`<${PageHeader} title="Edit routing profile"
      crumbs=${[{ href: BASE, label: "Routing profiles" }]} /><${Message} error=${loadError} />`;
  }
  if (!values) return html`<${Loading} />`;

  const queueName = Object.fromEntries(data.queues.map((q) => [q.Id, q.Name]));
  const setChannel = (channel, change) =>
    setForm({ ...values, Channels: { ...values.Channels, [channel]: { ...values.Channels[channel], ...change } } });
  const setRow = (index, change) =>
    setForm({ ...values, Queues: values.Queues.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  const removeRow = (index) => setForm({ ...values, Queues: values.Queues.filter((_, i) => i !== index) });
  const addRow = () => {
    if (!newQueue.QueueId) return;
    if (values.Queues.some((r) => key(r) === key(newQueue))) return;
    setForm({ ...values, Queues: [...values.Queues, { ...newQueue, Priority: "1", Delay: "0" }] });
    setNewQueue({ QueueId: "", Channel: newQueue.Channel });
  };
  const duplicate = values.Queues.some((r) => key(r) === key(newQueue));

  return html`<${PageHeader}
      title=${creating ? "Add routing profile" : `Edit routing profile: ${data.profile.Name}`}
      crumbs=${[{ href: BASE, label: "Routing profiles" }]} />
    <form class="card form" onSubmit=${submit} novalidate>
      <fieldset>
        <legend>Routing profile details</legend>
        <${TextField} id="rp-name" label="Name" value=${values.Name} onInput=${set("Name")}
          required maxlength="127" />
        <${TextArea} id="rp-description" label="Description" value=${values.Description}
          onInput=${set("Description")} maxlength="250" />
      </fieldset>
      <fieldset>
        <legend>Channels</legend>
        <p class="hint">The channels agents with this profile take contacts on, how many of
          each at the same time, and whether a contact on one channel leaves room for contacts
          of the others (cross-channel routing).</p>
        <div class="channel-grid">
          ${CHANNELS.map((c) => html`<div class="channel-card">
            <${CheckField} id=${`rp-channel-${c.channel}`} label=${c.label}
              checked=${values.Channels[c.channel].on}
              onChange=${(on) => setChannel(c.channel, { on })} />
            <${TextField} id=${`rp-concurrency-${c.channel}`}
              label=${`Maximum ${c.label.toLowerCase()} contacts per agent`} type="number"
              min="1" max=${c.max} value=${values.Channels[c.channel].concurrency}
              disabled=${!values.Channels[c.channel].on || c.max === 1}
              onInput=${(v) => setChannel(c.channel, { concurrency: v })} />
            <${CheckField} id=${`rp-cross-${c.channel}`}
              label=${`While on a ${c.label.toLowerCase()} contact, offer other channels too`}
              checked=${values.Channels[c.channel].anyChannel}
              disabled=${!values.Channels[c.channel].on}
              onChange=${(anyChannel) => setChannel(c.channel, { anyChannel })} />
          </div>`)}
        </div>
      </fieldset>
      <fieldset>
        <legend>Queues</legend>
        <p class="hint">Priority 1 is served first; delay is how many seconds a contact waits
          in the queue before agents with this profile are offered it.</p>
        ${values.Queues.length === 0
          ? html`<p class="muted">No queues: agents with this profile receive no contacts.</p>`
          : html`<div class="table-wrap"><table class="compact">
            <caption class="visually-hidden">Queues of this routing profile</caption>
            <thead><tr><th scope="col">Queue</th><th scope="col">Channel</th>
              <th scope="col">Priority</th><th scope="col">Delay (seconds)</th>
              <th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
            <tbody>${values.Queues.map((row, index) => {
              const name = `${queueName[row.QueueId] || row.QueueId} ${CHANNEL_LABEL[row.Channel] || row.Channel}`;
              return html`<tr key=${key(row)}>
                <th scope="row">${queueName[row.QueueId] || row.QueueId}</th>
                <td>${CHANNEL_LABEL[row.Channel] || row.Channel}</td>
                <td><label class="visually-hidden" for=${`rp-priority-${index}`}>Priority of ${name}</label>
                  <input id=${`rp-priority-${index}`} type="number" min="1" max="99" class="narrow"
                    value=${row.Priority} onInput=${(e) => setRow(index, { Priority: e.target.value })} /></td>
                <td><label class="visually-hidden" for=${`rp-delay-${index}`}>Delay of ${name}</label>
                  <input id=${`rp-delay-${index}`} type="number" min="0" max="9999" class="narrow"
                    value=${row.Delay} onInput=${(e) => setRow(index, { Delay: e.target.value })} /></td>
                <td><button type="button" class="small danger" aria-label=${`Remove ${name}`}
                  onClick=${() => removeRow(index)}>Remove</button></td>
              </tr>`;
            })}</tbody>
          </table></div>`}
        <div class="row add-row">
          <div class="grow">
            <${SelectField} id="rp-add-queue" label="Add queue" value=${newQueue.QueueId}
              onChange=${(v) => setNewQueue({ ...newQueue, QueueId: v })} placeholder="Choose a queue"
              options=${data.queues.map((q) => ({ value: q.Id, label: q.Name }))} />
          </div>
          <div>
            <${SelectField} id="rp-add-channel" label="Channel" value=${newQueue.Channel}
              onChange=${(v) => setNewQueue({ ...newQueue, Channel: v })}
              options=${CHANNELS.map((c) => ({ value: c.channel, label: c.label }))} />
          </div>
          <button type="button" onClick=${addRow} disabled=${!newQueue.QueueId || duplicate}>
            Add queue</button>
        </div>
        <${SelectField} id="rp-outbound-queue" label="Default outbound queue"
          value=${values.DefaultOutboundQueueId} onChange=${set("DefaultOutboundQueueId")}
          options=${data.queues.map((q) => ({ value: q.Id, label: q.Name }))}
          hint="Outbound calls agents place are counted in this queue and use its caller ID." />
      </fieldset>
      <${Message} error=${error} />
      <${FormActions} busy=${busy} onCancel=${() => navigate(BASE)} />
    </form>`;
}

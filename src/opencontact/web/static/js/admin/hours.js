// Routing > Hours of operation: the weekly hours a queue is open, in a time zone. Flows check
// them ("Check hours of operation") and queues are assigned one.
import { html, Message, useState } from "../ui.js";
import { adminCall, lists } from "./connect.js";
import {
  Empty, FormActions, Link, Loading, PageHeader, SelectField, subPath, TextArea, TextField,
  useAdminData, useConfirmDelete, useSubmit,
} from "./kit.js";

const BASE = "/admin/hours";
const DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
const dayLabel = (day) => day[0] + day.slice(1).toLowerCase();

export function HoursSection({ path, navigate }) {
  const [id] = subPath(path, BASE);
  if (id === "new") return html`<${HoursForm} navigate=${navigate} />`;
  if (id) return html`<${HoursForm} id=${id} navigate=${navigate} />`;
  return html`<${HoursList} navigate=${navigate} />`;
}

const pad = (n) => String(n ?? 0).padStart(2, "0");
const timeText = (t) => `${pad(t?.Hours)}:${pad(t?.Minutes)}`;

function summary(config) {
  if (!config?.length) return "Closed all week";
  const byDay = Object.fromEntries(config.map((c) => [c.Day, c]));
  return DAYS.filter((d) => byDay[d])
    .map((d) => `${dayLabel(d).slice(0, 3)} ${timeText(byDay[d].StartTime)}–${timeText(byDay[d].EndTime)}`)
    .join(", ");
}

async function loadHours() {
  const summaries = await lists.hours();
  return Promise.all(
    summaries.map((h) =>
      adminCall("DescribeHoursOfOperation", { HoursOfOperationId: h.Id }).then((a) => a.HoursOfOperation),
    ),
  );
}

function HoursList({ navigate }) {
  const { data, error, loading } = useAdminData(["HoursOfOperation"], loadHours);
  const confirm = useConfirmDelete();
  const remove = (hours) =>
    confirm.ask(
      "Delete hours of operation",
      `Delete the hours of operation ${hours.Name}?`,
      () => adminCall("DeleteHoursOfOperation", { HoursOfOperationId: hours.HoursOfOperationId }),
    );
  return html`<${PageHeader} title="Hours of operation"
      description="The weekly hours queues are open.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/new`)}>
        Add new hours</button>
    <//>
    <${Message} error=${error || confirm.error} />
    ${loading && html`<${Loading} />`}
    ${data && !data.length && html`<${Empty}>There are no hours of operation.<//>`}
    ${data && data.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Hours of operation</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Time zone</th>
        <th scope="col">Hours</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${data.map((h) => html`<tr key=${h.HoursOfOperationId}>
        <th scope="row"><${Link} href=${`${BASE}/${h.HoursOfOperationId}`}>${h.Name}<//></th>
        <td>${h.TimeZone}</td>
        <td class="small-text">${summary(h.Config)}</td>
        <td class="actions"><button type="button" class="small danger"
          aria-label=${`Delete ${h.Name}`} onClick=${() => remove(h)}>Delete</button></td>
      </tr>`)}</tbody>
    </table></div>`}
    ${confirm.dialog}`;
}

function timeZones(current) {
  let zones = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = ["UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Tokyo"];
  }
  if (!zones.includes("UTC")) zones = ["UTC", ...zones];
  if (current && !zones.includes(current)) zones = [current, ...zones];
  return zones;
}

function HoursForm({ id, navigate }) {
  const creating = !id;
  const { data: loaded, error: loadError } = useAdminData(
    [],
    async () => {
      const hours = creating
        ? null
        : (await adminCall("DescribeHoursOfOperation", { HoursOfOperationId: id })).HoursOfOperation;
      const byDay = Object.fromEntries((hours?.Config || []).map((c) => [c.Day, c]));
      return {
        hours,
        values: {
          Name: hours?.Name || "",
          Description: hours?.Description || "",
          TimeZone: hours?.TimeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
          Days: Object.fromEntries(
            DAYS.map((d) => [d, {
              open: creating ? !["SATURDAY", "SUNDAY"].includes(d) : !!byDay[d],
              start: byDay[d] ? timeText(byDay[d].StartTime) : "09:00",
              end: byDay[d] ? timeText(byDay[d].EndTime) : "17:00",
            }]),
          ),
        },
      };
    },
    [id],
  );
  const [form, setForm] = useState(null);
  const values = form || loaded?.values;
  const set = (key) => (value) => setForm({ ...values, [key]: value });
  const setDay = (day, change) =>
    setForm({ ...values, Days: { ...values.Days, [day]: { ...values.Days[day], ...change } } });

  const toTime = (text) => {
    const [hours, minutes] = (text || "00:00").split(":").map(Number);
    return { Hours: hours || 0, Minutes: minutes || 0 };
  };
  const config = () =>
    DAYS.filter((d) => values.Days[d].open).map((d) => ({
      Day: d,
      StartTime: toTime(values.Days[d].start),
      EndTime: toTime(values.Days[d].end),
    }));

  const { busy, error, submit } = useSubmit(async () => {
    const input = {
      Name: values.Name.trim(),
      Description: values.Description.trim() || undefined,
      TimeZone: values.TimeZone,
      Config: config(),
    };
    if (creating) await adminCall("CreateHoursOfOperation", input);
    else await adminCall("UpdateHoursOfOperation", { HoursOfOperationId: id, ...input });
    navigate(BASE);
  });

  if (loadError) {
    return html`<${PageHeader} title="Edit hours of operation"
      crumbs=${[{ href: BASE, label: "Hours of operation" }]} /><${Message} error=${loadError} />`;
  }
  if (!values) return html`<${Loading} />`;

  return html`<${PageHeader}
      title=${creating ? "Add new hours" : `Edit hours: ${loaded.hours.Name}`}
      crumbs=${[{ href: BASE, label: "Hours of operation" }]} />
    <form class="card form" onSubmit=${submit} novalidate>
      <${TextField} id="hours-name" label="Name" value=${values.Name} onInput=${set("Name")}
        required maxlength="127" />
      <${TextArea} id="hours-description" label="Description" value=${values.Description}
        onInput=${set("Description")} maxlength="250" />
      <${SelectField} id="hours-time-zone" label="Time zone" value=${values.TimeZone}
        onChange=${set("TimeZone")}
        options=${timeZones(values.TimeZone).map((z) => ({ value: z, label: z }))} />
      <fieldset>
        <legend>Hours</legend>
        <p class="hint">Days that are not ticked are closed. An end time before the start time
          runs past midnight.</p>
        <div class="table-wrap"><table class="compact">
          <caption class="visually-hidden">Weekly hours</caption>
          <thead><tr><th scope="col">Day</th><th scope="col">Open</th>
            <th scope="col">Start</th><th scope="col">End</th></tr></thead>
          <tbody>${DAYS.map((d) => html`<tr key=${d}>
            <th scope="row">${dayLabel(d)}</th>
            <td><input type="checkbox" id=${`hours-open-${d}`} checked=${values.Days[d].open}
                onChange=${(e) => setDay(d, { open: e.target.checked })} />
              <label for=${`hours-open-${d}`} class="inline-label">Open on ${dayLabel(d)}</label></td>
            <td><label for=${`hours-start-${d}`} class="visually-hidden">${dayLabel(d)} start time</label>
              <input type="time" id=${`hours-start-${d}`} class="narrow" value=${values.Days[d].start}
                disabled=${!values.Days[d].open} onInput=${(e) => setDay(d, { start: e.target.value })} /></td>
            <td><label for=${`hours-end-${d}`} class="visually-hidden">${dayLabel(d)} end time</label>
              <input type="time" id=${`hours-end-${d}`} class="narrow" value=${values.Days[d].end}
                disabled=${!values.Days[d].open} onInput=${(e) => setDay(d, { end: e.target.value })} /></td>
          </tr>`)}</tbody>
        </table></div>
      </fieldset>
      <${Message} error=${error} />
      <${FormActions} busy=${busy} onCancel=${() => navigate(BASE)} />
    </form>`;
}

// Channels and flows > Phone numbers: the numbers claimed for this instance and the inbound
// flow each one starts. New numbers are claimed from the carrier's available ones.
import { html, Message, useState } from "../ui.js";
import { adminCall, listAll, lists } from "./connect.js";
import {
  Badge, Empty, FormActions, Loading, PageHeader, SelectField, subPath, TextField, useAdminData,
  useConfirmDelete, useSubmit,
} from "./kit.js";

const BASE = "/admin/phone-numbers";
const TYPE_LABELS = { DID: "DID", TOLL_FREE: "Toll free", UIFN: "UIFN", SHARED: "Shared",
  THIRD_PARTY_DID: "Third party DID", THIRD_PARTY_TF: "Third party toll free", SHORT_CODE: "Short code" };
const COUNTRIES = [
  ["US", "United States"], ["CA", "Canada"], ["GB", "United Kingdom"], ["DE", "Germany"],
  ["FR", "France"], ["IT", "Italy"], ["IE", "Ireland"], ["AU", "Australia"], ["NZ", "New Zealand"],
  ["JP", "Japan"], ["SG", "Singapore"], ["KR", "South Korea"], ["ZA", "South Africa"],
  ["MX", "Mexico"], ["PR", "Puerto Rico"], ["PH", "Philippines"], ["HK", "Hong Kong"],
  ["VN", "Vietnam"],
];

export function PhoneNumbersSection({ path, navigate, admin }) {
  const [sub] = subPath(path, BASE);
  if (sub === "claim") return html`<${ClaimNumber} navigate=${navigate} admin=${admin} />`;
  return html`<${PhoneNumberList} navigate=${navigate} />`;
}

async function loadNumbers() {
  const [numbers, flows, associations] = await Promise.all([
    lists.phoneNumbers(),
    lists.flows(["CONTACT_FLOW"]),
    listAll("ListFlowAssociations", "FlowAssociationSummaryList", {
      ResourceType: "VOICE_PHONE_NUMBER",
    }),
  ]);
  // The flow each number starts now, by number id (associations name both by ARN).
  const flowIdByArn = Object.fromEntries(flows.map((f) => [f.Arn, f.Id]));
  const current = {};
  for (const number of numbers) {
    const found = associations.find((a) => a.ResourceId === number.PhoneNumberArn);
    if (found) current[number.Id] = flowIdByArn[found.FlowId] || "";
  }
  return { numbers, flows, current };
}

function PhoneNumberList({ navigate }) {
  const { data, error, loading } = useAdminData(["PhoneNumber", "ContactFlow"], loadNumbers);
  const [choice, setChoice] = useState({});
  const [actionError, setActionError] = useState(null);
  const [notice, setNotice] = useState(null);
  const confirm = useConfirmDelete();

  const associate = async (number) => {
    setActionError(null);
    setNotice(null);
    try {
      await adminCall("AssociatePhoneNumberContactFlow", {
        PhoneNumberId: number.Id,
        ContactFlowId: choice[number.Id],
      });
      const flow = data.flows.find((f) => f.Id === choice[number.Id]);
      setChoice(({ [number.Id]: _saved, ...others }) => others);
      setNotice(`Calls to ${number.PhoneNumber} now start the flow ${flow?.Name}.`);
    } catch (caught) {
      setActionError(caught);
    }
  };
  const release = (number) =>
    confirm.ask(
      "Release phone number",
      `Release ${number.PhoneNumber}? Calls to it will no longer reach this instance.`,
      () => adminCall("ReleasePhoneNumber", { PhoneNumberId: number.Id }),
      "Release",
    );

  return html`<${PageHeader} title="Phone numbers"
      description="Numbers customers call, each pointing at the inbound flow it starts.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/claim`)}>
        Claim a number</button>
    <//>
    <${Message} error=${error || actionError || confirm.error} notice=${notice} />
    ${loading && html`<${Loading} />`}
    ${data && !data.numbers.length && html`<${Empty}>No phone numbers are claimed yet.<//>`}
    ${data && data.numbers.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Phone numbers</caption>
      <thead><tr><th scope="col">Phone number</th><th scope="col">Type</th>
        <th scope="col">Country</th><th scope="col">Description</th>
        <th scope="col">Contact flow</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${data.numbers.map((n) => html`<tr key=${n.Id}>
        <th scope="row" class="mono">${n.PhoneNumber}</th>
        <td><${Badge}>${TYPE_LABELS[n.PhoneNumberType] || n.PhoneNumberType}<//></td>
        <td>${n.PhoneNumberCountryCode}</td>
        <td>${n.PhoneNumberDescription || html`<span class="muted">—</span>`}</td>
        <td>
          <div class="row nowrap">
            <label class="visually-hidden" for=${`flow-${n.Id}`}>Contact flow for ${n.PhoneNumber}</label>
            <select id=${`flow-${n.Id}`} value=${choice[n.Id] ?? data.current[n.Id] ?? ""}
              onChange=${(e) => setChoice({ ...choice, [n.Id]: e.target.value })}>
              ${!data.current[n.Id] && html`<option value="">No flow</option>`}
              ${data.flows.map((f) => html`<option value=${f.Id}>${f.Name}</option>`)}
            </select>
            <button type="button" class="small"
              disabled=${!choice[n.Id] || choice[n.Id] === data.current[n.Id]}
              aria-label=${`Save flow for ${n.PhoneNumber}`} onClick=${() => associate(n)}>Save</button>
          </div>
        </td>
        <td class="actions"><button type="button" class="small danger"
          aria-label=${`Release ${n.PhoneNumber}`} onClick=${() => release(n)}>Release</button></td>
      </tr>`)}</tbody>
    </table></div>`}
    ${confirm.dialog}`;
}

function ClaimNumber({ navigate, admin }) {
  const [search, setSearch] = useState({ country: "US", type: "DID", prefix: "" });
  const [found, setFound] = useState(null);
  const [picked, setPicked] = useState("");
  const [description, setDescription] = useState("");
  const [flowId, setFlowId] = useState("");
  const { data: flows } = useAdminData(["ContactFlow"], () => lists.flows(["CONTACT_FLOW"]));
  const targetArn = admin?.instance?.arn;

  const searching = useSubmit(async () => {
    const input = {
      TargetArn: targetArn,
      PhoneNumberCountryCode: search.country,
      PhoneNumberType: search.type,
      MaxResults: 10,
    };
    if (search.prefix.trim()) input.PhoneNumberPrefix = search.prefix.trim();
    const answer = await adminCall("SearchAvailablePhoneNumbers", input);
    setFound(answer.AvailableNumbersList || []);
    setPicked(answer.AvailableNumbersList?.[0]?.PhoneNumber || "");
  });

  const claiming = useSubmit(async () => {
    const input = { TargetArn: targetArn, PhoneNumber: picked };
    if (description.trim()) input.PhoneNumberDescription = description.trim();
    const claimed = await adminCall("ClaimPhoneNumber", input);
    if (flowId) {
      await adminCall("AssociatePhoneNumberContactFlow", {
        PhoneNumberId: claimed.PhoneNumberId,
        ContactFlowId: flowId,
      });
    }
    navigate(BASE);
  });

  return html`<${PageHeader} title="Claim a number"
      crumbs=${[{ href: BASE, label: "Phone numbers" }]} />
    <form class="card form" onSubmit=${searching.submit} novalidate aria-label="Search available numbers">
      <div class="grid-3">
        <${SelectField} id="claim-country" label="Country" value=${search.country}
          onChange=${(v) => setSearch({ ...search, country: v })}
          options=${COUNTRIES.map(([value, label]) => ({ value, label }))} />
        <${SelectField} id="claim-type" label="Type" value=${search.type}
          onChange=${(v) => setSearch({ ...search, type: v })}
          options=${[{ value: "DID", label: "DID (Direct Inward Dialing)" }, { value: "TOLL_FREE", label: "Toll free" }]} />
        <${TextField} id="claim-prefix" label="Prefix" value=${search.prefix} placeholder="+1206"
          onInput=${(v) => setSearch({ ...search, prefix: v })} hint="Optional, with the country code." />
      </div>
      <${Message} error=${searching.error} />
      <div class="form-actions">
        <button type="submit" disabled=${searching.busy}>${searching.busy ? "Searching…" : "Search"}</button>
      </div>
    </form>
    ${found && html`<form class="card form" onSubmit=${claiming.submit} novalidate aria-label="Claim">
      ${found.length === 0
        ? html`<p class="muted">No numbers are available for that search.</p>`
        : html`<fieldset>
          <legend>Available numbers</legend>
          <div class="check-list">${found.map((n) => html`<div class="check-field">
            <input type="radio" name="claim-number" id=${`claim-${n.PhoneNumber}`}
              value=${n.PhoneNumber} checked=${picked === n.PhoneNumber}
              onChange=${() => setPicked(n.PhoneNumber)} />
            <label for=${`claim-${n.PhoneNumber}`} class="check-label mono">${n.PhoneNumber}</label>
          </div>`)}</div>
        </fieldset>
        <${TextField} id="claim-description" label="Description" value=${description}
          onInput=${setDescription} />
        <${SelectField} id="claim-flow" label="Contact flow / IVR" value=${flowId}
          onChange=${setFlowId} placeholder="None for now"
          options=${(flows || []).map((f) => ({ value: f.Id, label: f.Name }))}
          hint="The inbound flow calls to this number start." />`}
      <${Message} error=${claiming.error} />
      <${FormActions} busy=${claiming.busy} saveDisabled=${!picked} onCancel=${() => navigate(BASE)}
        saveLabel="Save" />
    </form>`}`;
}

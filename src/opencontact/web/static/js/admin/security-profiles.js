// Users > Security profiles: what each profile lets its users do (Admin, Agent,
// CallCenterManager, QualityAnalyst and custom ones). Profiles can be viewed, edited, added
// and deleted; permissions are grouped by the area they open.
import { html, Message, useMemo, useState } from "../ui.js";
import { adminCall, listAll, lists } from "./connect.js";
import {
  Empty, FormActions, Link, Loading, PageHeader, subPath, TextArea, TextField, useAdminData,
  useConfirmDelete, useSubmit,
} from "./kit.js";

const BASE = "/admin/security-profiles";

export function SecurityProfilesSection({ path, navigate }) {
  const [id] = subPath(path, BASE);
  if (id === "new") return html`<${ProfileForm} navigate=${navigate} />`;
  if (id) return html`<${ProfileForm} id=${id} navigate=${navigate} />`;
  return html`<${ProfileList} navigate=${navigate} />`;
}

const permissionsOf = (profileId) =>
  listAll("ListSecurityProfilePermissions", "Permissions", { SecurityProfileId: profileId });

async function loadProfiles() {
  const summaries = await lists.securityProfiles();
  return Promise.all(
    summaries.map(async (summary) => {
      const [profile, permissions] = await Promise.all([
        adminCall("DescribeSecurityProfile", { SecurityProfileId: summary.Id }).then((a) => a.SecurityProfile),
        permissionsOf(summary.Id),
      ]);
      return { ...profile, Permissions: permissions };
    }),
  );
}

function ProfileList({ navigate }) {
  const { data, error, loading } = useAdminData(["SecurityProfile"], loadProfiles);
  return html`<${PageHeader} title="Security profiles"
      description="What the users of each profile may see and do.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/new`)}>
        Add new security profile</button>
    <//>
    <${Message} error=${error} />
    ${loading && html`<${Loading} />`}
    ${data && !data.length && html`<${Empty}>There are no security profiles.<//>`}
    ${data && data.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Security profiles</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Description</th>
        <th scope="col">Permissions</th></tr></thead>
      <tbody>${data.map((p) => html`<tr key=${p.Id}>
        <th scope="row"><${Link} href=${`${BASE}/${p.Id}`}>${p.SecurityProfileName}<//></th>
        <td>${p.Description || html`<span class="muted">—</span>`}</td>
        <td>${p.Permissions.length}</td>
      </tr>`)}</tbody>
    </table></div>`}`;
}

/** "Users.Create" -> group "Users"; every permission the instance knows, by group. */
function groupPermissions(names) {
  const groups = {};
  for (const name of names) {
    const group = name.split(".")[0];
    (groups[group] ||= []).push(name);
  }
  return Object.entries(groups)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, items]) => [group, items.sort()]);
}

function ProfileForm({ id, navigate }) {
  const creating = !id;
  const { data, error: loadError } = useAdminData(
    [],
    async () => {
      // The permission names this server knows: every profile's (Admin holds them all).
      const all = await loadProfiles();
      const known = new Set(all.flatMap((p) => p.Permissions));
      const profile = creating ? null : all.find((p) => p.Id === id);
      if (!creating && !profile) {
        const missing = await adminCall("DescribeSecurityProfile", { SecurityProfileId: id });
        return { profile: missing.SecurityProfile, known: [...known], values: null };
      }
      return {
        profile,
        known: [...known],
        values: {
          SecurityProfileName: profile?.SecurityProfileName || "",
          Description: profile?.Description || "",
          Permissions: profile?.Permissions || [],
        },
      };
    },
    [id],
  );
  const [form, setForm] = useState(null);
  const [filter, setFilter] = useState("");
  const values = form || data?.values;
  const set = (key) => (value) => setForm({ ...values, [key]: value });
  const confirm = useConfirmDelete();
  const groups = useMemo(() => groupPermissions(data?.known || []), [data]);

  const { busy, error, submit } = useSubmit(async () => {
    if (creating) {
      await adminCall("CreateSecurityProfile", {
        SecurityProfileName: values.SecurityProfileName.trim(),
        Description: values.Description.trim() || undefined,
        Permissions: values.Permissions,
      });
    } else {
      await adminCall("UpdateSecurityProfile", {
        SecurityProfileId: id,
        Description: values.Description.trim(),
        Permissions: values.Permissions,
      });
    }
    navigate(BASE);
  });

  const remove = () =>
    confirm.ask(
      "Delete security profile",
      `Delete the security profile ${data.profile.SecurityProfileName}? Users keep their other profiles.`,
      async () => {
        await adminCall("DeleteSecurityProfile", { SecurityProfileId: id });
        navigate(BASE);
      },
    );

  if (loadError) {
    return html`<${PageHeader} title="Security profile"
      crumbs=${[{ href: BASE, label: "Security profiles" }]} /><${Message} error=${loadError} />`;
  }
  if (!values) return html`<${Loading} />`;

  const has = new Set(values.Permissions);
  const toggle = (names, on) => {
    const next = new Set(values.Permissions);
    names.forEach((n) => (on ? next.add(n) : next.delete(n)));
    setForm({ ...values, Permissions: [...next].sort() });
  };
  const words = filter.trim().toLowerCase();
  const shown = groups
    .map(([group, items]) => [group, items.filter((n) => !words || n.toLowerCase().includes(words))])
    .filter(([, items]) => items.length);

  return html`<${PageHeader}
      title=${creating ? "Add new security profile" : `Security profile: ${data.profile.SecurityProfileName}`}
      crumbs=${[{ href: BASE, label: "Security profiles" }]}>
      ${!creating && html`<button type="button" class="danger" onClick=${remove}>
        Delete security profile</button>`}
    <//>
    <${Message} error=${confirm.error} />
    <form class="card form" onSubmit=${submit} novalidate>
      <${TextField} id="sp-name" label="Security profile name" value=${values.SecurityProfileName}
        onInput=${set("SecurityProfileName")} readonly=${!creating} required maxlength="127"
        hint=${creating ? undefined : "The name of a security profile cannot be changed."} />
      <${TextArea} id="sp-description" label="Description" value=${values.Description}
        onInput=${set("Description")} maxlength="250" />
      <fieldset>
        <legend>Permissions (${values.Permissions.length})</legend>
        <label for="sp-filter" class="visually-hidden">Filter permissions</label>
        <input id="sp-filter" type="search" class="search" placeholder="Filter permissions"
          value=${filter} onInput=${(e) => setFilter(e.target.value)} />
        <div class="permission-groups">
          ${shown.map(([group, items]) => {
            const granted = items.filter((n) => has.has(n)).length;
            return html`<details class="permission-group" open=${!!words || granted > 0}>
              <summary><span>${group}</span>
                <span class="muted small">${granted} of ${items.length}</span></summary>
              <div class="row group-actions">
                <button type="button" class="small" onClick=${() => toggle(items, true)}
                  aria-label=${`Allow all ${group} permissions`}>Allow all</button>
                <button type="button" class="small" onClick=${() => toggle(items, false)}
                  aria-label=${`Remove all ${group} permissions`}>Remove all</button>
              </div>
              <div class="check-list columns">${items.map((name) => html`<div class="check-field">
                <input type="checkbox" id=${`perm-${name}`} checked=${has.has(name)}
                  onChange=${(e) => toggle([name], e.target.checked)} />
                <label for=${`perm-${name}`} class="check-label">${name}</label>
              </div>`)}</div>
            </details>`;
          })}
        </div>
      </fieldset>
      <${Message} error=${error} />
      <${FormActions} busy=${busy} onCancel=${() => navigate(BASE)} />
    </form>
    ${confirm.dialog}`;
}

// Users > User management: find users, add them, and edit what an agent's day depends on:
// name and email, password (only where Connect keeps passwords: CONNECT_MANAGED instances),
// security profiles, routing profile, phone type (Softphone or Desk phone with its number),
// Auto-accept calls and the after contact work (ACW) timeout.
import { html, Message, useMemo, useState } from "../ui.js";
import { request } from "../api.js";
import { adminCall, byName, listAll, lists } from "./connect.js";
import {
  Badge, CheckField, Empty, FormActions, Link, Loading, PageHeader, SelectField, subPath,
  TextField, useAdminData, useConfirmDelete, useSubmit,
} from "./kit.js";

const BASE = "/admin/users";

export function UsersSection({ path, navigate, admin }) {
  const [id] = subPath(path, BASE);
  if (id === "new") return html`<${UserForm} navigate=${navigate} admin=${admin} />`;
  if (id) return html`<${UserForm} id=${id} navigate=${navigate} admin=${admin} />`;
  return html`<${UserList} navigate=${navigate} />`;
}

async function loadUserList() {
  const [users, routingProfiles, securityProfiles] = await Promise.all([
    listAll("SearchUsers", "Users"),
    lists.routingProfiles(),
    lists.securityProfiles(),
  ]);
  return {
    users: users.sort(byName),
    routingProfiles: Object.fromEntries(routingProfiles.map((p) => [p.Id, p.Name])),
    securityProfiles: Object.fromEntries(securityProfiles.map((p) => [p.Id, p.Name])),
  };
}

function fullName(user) {
  const info = user.IdentityInfo || {};
  return [info.FirstName, info.LastName].filter(Boolean).join(" ");
}

function UserList({ navigate }) {
  const { data, error, loading } = useAdminData(
    ["User", "RoutingProfile", "SecurityProfile"],
    loadUserList,
  );
  const [search, setSearch] = useState("");
  const shown = useMemo(() => {
    if (!data) return [];
    const words = search.trim().toLowerCase();
    if (!words) return data.users;
    return data.users.filter((user) =>
      [user.Username, fullName(user), user.IdentityInfo?.Email]
        .filter(Boolean)
        .some((text) => text.toLowerCase().includes(words)),
    );
  }, [data, search]);

  return html`<${PageHeader} title="User management"
      description="The people who use this instance: agents, supervisors and admins.">
      <button type="button" class="primary" onClick=${() => navigate(`${BASE}/new`)}>
        Add new users</button>
    <//>
    <${Message} error=${error} />
    <div class="toolbar">
      <label for="user-search" class="visually-hidden">Search users</label>
      <input id="user-search" type="search" class="search" placeholder="Search by name, login or email"
        value=${search} onInput=${(e) => setSearch(e.target.value)} />
      ${data && html`<span class="muted count" role="status">
        ${shown.length} of ${data.users.length} users</span>`}
    </div>
    ${loading && html`<${Loading} />`}
    ${data && !shown.length && html`<${Empty}>No user matches “${search}”.<//>`}
    ${data && shown.length > 0 && html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Users</caption>
      <thead><tr><th scope="col">Login</th><th scope="col">Name</th>
        <th scope="col">Security profiles</th><th scope="col">Routing profile</th>
        <th scope="col">Phone type</th></tr></thead>
      <tbody>${shown.map((user) => html`<tr key=${user.Id}>
        <th scope="row"><${Link} href=${`${BASE}/${user.Id}`}>${user.Username}<//></th>
        <td>${fullName(user) || html`<span class="muted">—</span>`}</td>
        <td>${(user.SecurityProfileIds || []).map((sid) => data.securityProfiles[sid] || sid).join(", ")}</td>
        <td>${data.routingProfiles[user.RoutingProfileId] || ""}</td>
        <td>${user.PhoneConfig?.PhoneType === "DESK_PHONE"
          ? html`<${Badge}>Desk phone<//>` : html`<${Badge}>Softphone<//>`}
          ${user.PhoneConfig?.AutoAccept && html` <${Badge} tone="ok">Auto-accept<//>`}</td>
      </tr>`)}</tbody>
    </table></div>`}`;
}

const EMPTY_USER = {
  Username: "",
  Password: "",
  FirstName: "",
  LastName: "",
  Email: "",
  SecurityProfileIds: [],
  RoutingProfileId: "",
  PhoneType: "SOFT_PHONE",
  DeskPhoneNumber: "",
  AutoAccept: false,
  AfterContactWorkTimeLimit: "0",
};

function formFromUser(user) {
  const info = user.IdentityInfo || {};
  const phone = user.PhoneConfig || {};
  return {
    Username: user.Username,
    Password: "",
    FirstName: info.FirstName || "",
    LastName: info.LastName || "",
    Email: info.Email || "",
    SecurityProfileIds: user.SecurityProfileIds || [],
    RoutingProfileId: user.RoutingProfileId || "",
    PhoneType: phone.PhoneType || "SOFT_PHONE",
    DeskPhoneNumber: phone.DeskPhoneNumber || "",
    AutoAccept: !!phone.AutoAccept,
    AfterContactWorkTimeLimit: String(phone.AfterContactWorkTimeLimit ?? 0),
  };
}

function phoneConfigOf(values) {
  const config = {
    PhoneType: values.PhoneType,
    AutoAccept: values.AutoAccept,
    AfterContactWorkTimeLimit: Number(values.AfterContactWorkTimeLimit || 0),
  };
  if (values.PhoneType === "DESK_PHONE") config.DeskPhoneNumber = values.DeskPhoneNumber.trim();
  return config;
}

function identityOf(values) {
  return {
    FirstName: values.FirstName.trim(),
    LastName: values.LastName.trim(),
    Email: values.Email.trim() || undefined,
  };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function UserForm({ id, navigate, admin }) {
  const creating = !id;
  const keepsPasswords = admin?.instance?.identityManagementType === "CONNECT_MANAGED";
  const { data, error: loadError } = useAdminData(
    [],
    async () => {
      const [user, routingProfiles, securityProfiles] = await Promise.all([
        creating ? null : adminCall("DescribeUser", { UserId: id }).then((a) => a.User),
        lists.routingProfiles(),
        lists.securityProfiles(),
      ]);
      const values = user ? formFromUser(user) : { ...EMPTY_USER };
      if (!user) {
        values.RoutingProfileId =
          routingProfiles.find((p) => p.Name === "Basic Routing Profile")?.Id || routingProfiles[0]?.Id || "";
        const agent = securityProfiles.find((p) => p.Name === "Agent");
        values.SecurityProfileIds = agent ? [agent.Id] : [];
      }
      return { user, values, routingProfiles, securityProfiles };
    },
    [id],
  );
  const [form, setForm] = useState(null);
  const values = form || data?.values;
  const set = (key) => (value) => setForm({ ...values, [key]: value });
  const confirm = useConfirmDelete();

  const { busy, error, submit } = useSubmit(async () => {
    if (creating) {
      const input = {
        Username: values.Username.trim(),
        IdentityInfo: identityOf(values),
        PhoneConfig: phoneConfigOf(values),
        SecurityProfileIds: values.SecurityProfileIds,
        RoutingProfileId: values.RoutingProfileId,
      };
      if (keepsPasswords) input.Password = values.Password;
      await adminCall("CreateUser", input);
      navigate(BASE);
      return;
    }
    // Each part of a user has its own Connect operation; send only the parts that changed.
    const before = data.values;
    if (!same(identityOf(values), identityOf(before))) {
      await adminCall("UpdateUserIdentityInfo", { UserId: id, IdentityInfo: identityOf(values) });
    }
    if (!same(phoneConfigOf(values), phoneConfigOf(before))) {
      await adminCall("UpdateUserPhoneConfig", { UserId: id, PhoneConfig: phoneConfigOf(values) });
    }
    if (!same([...values.SecurityProfileIds].sort(), [...before.SecurityProfileIds].sort())) {
      await adminCall("UpdateUserSecurityProfiles", {
        UserId: id,
        SecurityProfileIds: values.SecurityProfileIds,
      });
    }
    if (values.RoutingProfileId !== before.RoutingProfileId) {
      await adminCall("UpdateUserRoutingProfile", {
        UserId: id,
        RoutingProfileId: values.RoutingProfileId,
      });
    }
    navigate(BASE);
  });

  const toggleProfile = (profileId, on) =>
    setForm({
      ...values,
      SecurityProfileIds: on
        ? [...values.SecurityProfileIds, profileId]
        : values.SecurityProfileIds.filter((p) => p !== profileId),
    });

  const remove = () =>
    confirm.ask(
      "Delete user",
      `Delete the user ${values.Username}? They can no longer sign in, and quick connects to them stop working.`,
      async () => {
        await adminCall("DeleteUser", { UserId: id });
        navigate(BASE);
      },
    );

  return html`<${PageHeader} title=${creating ? "Add new users" : `Edit ${values?.Username || "user"}`}
      crumbs=${[{ href: BASE, label: "User management" }]}>
      ${!creating && values && html`<button type="button" class="danger" onClick=${remove}>
        Delete user</button>`}
    <//>
    <${Message} error=${loadError || confirm.error} />
    ${!values && !loadError && html`<${Loading} />`}
    ${values && html`<form class="card form" onSubmit=${submit} novalidate>
      <fieldset>
        <legend>User details</legend>
        <div class="grid-2">
          <${TextField} id="user-first-name" label="First name" value=${values.FirstName}
            onInput=${set("FirstName")} required autocomplete="off" />
          <${TextField} id="user-last-name" label="Last name" value=${values.LastName}
            onInput=${set("LastName")} required autocomplete="off" />
        </div>
        <${TextField} id="user-email" label="Email address" type="email" value=${values.Email}
          onInput=${set("Email")} autocomplete="off" />
        <${TextField} id="user-login" label="Login name" value=${values.Username}
          onInput=${set("Username")} readonly=${!creating} required autocomplete="off"
          hint=${creating ? "The name the user signs in with." : "The login name cannot be changed."} />
        ${creating && keepsPasswords && html`<${TextField} id="user-password" label="Password"
          type="password" value=${values.Password} onInput=${set("Password")} required
          autocomplete="new-password"
          hint="8 to 64 characters with an upper-case letter, a lower-case letter and a number." />`}
        ${!creating && keepsPasswords && html`<p class="hint">To give the user a new password,
          use Reset password below.</p>`}
        ${!keepsPasswords && html`<p class="hint">This instance signs users in through
          ${admin?.instance?.identityManagementType === "SAML" ? "SAML" : "an existing directory"};
          Amazon Connect keeps no password for them.</p>`}
      </fieldset>

      <fieldset>
        <legend>Security profiles</legend>
        <div class="check-list">
          ${data.securityProfiles.map((profile) => html`<${CheckField}
            id=${`user-profile-${profile.Id}`} label=${profile.Name}
            checked=${values.SecurityProfileIds.includes(profile.Id)}
            onChange=${(on) => toggleProfile(profile.Id, on)} />`)}
        </div>
      </fieldset>

      <fieldset>
        <legend>Routing</legend>
        <${SelectField} id="user-routing-profile" label="Routing profile"
          value=${values.RoutingProfileId} onChange=${set("RoutingProfileId")}
          placeholder=${values.RoutingProfileId ? undefined : "Choose a routing profile"}
          options=${data.routingProfiles.map((p) => ({ value: p.Id, label: p.Name }))} />
      </fieldset>

      <fieldset>
        <legend>Phone type</legend>
        <div class="radio-row" role="radiogroup" aria-label="Phone type">
          <div class="check-field">
            <input type="radio" id="user-phone-soft" name="phone-type" value="SOFT_PHONE"
              checked=${values.PhoneType === "SOFT_PHONE"}
              onChange=${() => setForm({ ...values, PhoneType: "SOFT_PHONE" })} />
            <label for="user-phone-soft" class="check-label">Softphone</label>
          </div>
          <div class="check-field">
            <input type="radio" id="user-phone-desk" name="phone-type" value="DESK_PHONE"
              checked=${values.PhoneType === "DESK_PHONE"}
              onChange=${() => setForm({ ...values, PhoneType: "DESK_PHONE" })} />
            <label for="user-phone-desk" class="check-label">Desk phone</label>
          </div>
        </div>
        ${values.PhoneType === "DESK_PHONE" && html`<${TextField} id="user-desk-phone"
          label="Desk phone number" type="tel" value=${values.DeskPhoneNumber}
          onInput=${set("DeskPhoneNumber")} placeholder="+12065550100"
          hint="In E.164 format. Calls to this agent ring this number; the instance's region decides which countries are allowed." />`}
        <${CheckField} id="user-auto-accept" label="Auto-accept calls"
          checked=${values.AutoAccept} onChange=${set("AutoAccept")}
          hint="Softphone agents are connected to incoming calls without choosing Accept." />
        <${TextField} id="user-acw" label="After contact work (ACW) timeout" type="number"
          min="0" max="2000000" value=${values.AfterContactWorkTimeLimit}
          onInput=${set("AfterContactWorkTimeLimit")}
          hint="Seconds an agent stays in after contact work; 0 means until the agent chooses Close contact." />
      </fieldset>
      <${Message} error=${error} />
      <${FormActions} busy=${busy} onCancel=${() => navigate(BASE)}
        saveLabel=${creating ? "Save" : "Save"} />
    </form>`}
    ${values && !creating && keepsPasswords && html`<${ResetPassword} userId=${id}
      username=${values.Username} />`}
    ${confirm.dialog}`;
}

/** Reset password: an administrator gives a CONNECT_MANAGED user a new password (the admin
 * API's PUT /users/{id}/password); the user's open sessions end. */
function ResetPassword({ userId, username }) {
  const [password, setPassword] = useState("");
  const [notice, setNotice] = useState(null);
  const { busy, error, submit } = useSubmit(async () => {
    setNotice(null);
    await request("PUT", `/api/v1/admin/users/${encodeURIComponent(userId)}/password`, {
      password,
    });
    setPassword("");
    setNotice(`The password of ${username} is changed; their open sessions have ended.`);
  });
  return html`<form class="card form" onSubmit=${submit} novalidate
      aria-labelledby="reset-password-title">
    <fieldset>
      <legend id="reset-password-title">Reset password</legend>
      <${TextField} id="user-new-password" label="New password" type="password" value=${password}
        onInput=${(value) => { setPassword(value); setNotice(null); }} required
        autocomplete="new-password"
        hint="8 to 64 characters with an upper-case letter, a lower-case letter and a number." />
    </fieldset>
    <${Message} error=${error} notice=${notice} />
    <div class="form-actions">
      <button type="submit" class="primary" disabled=${busy || !password}>Set password</button>
    </div>
  </form>`;
}

// "Create instance": the console's wizard, step by step — identity management and the access
// URL alias, the administrator, telephony, then review and create. Nothing is created before
// "Create instance"; each step checks its own fields first.
import { html, Message, useEffect, useRef, useState } from "../ui.js";
import { connect } from "./client.js";
import { aliasProblem, enabled, IDENTITY, identityName, passwordProblem } from "./words.js";

// The console's own step names.
const STEPS = ["Set identity", "Add administrator", "Set telephony", "Review and create"];
const ADMIN_PROFILE = "Admin";
const ROUTING_PROFILE = "Basic Routing Profile";

function clientToken() {
  return globalThis.crypto?.randomUUID
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

const INITIAL = {
  identity: "CONNECT_MANAGED",
  alias: "",
  directoryId: "",
  withAdmin: true,
  firstName: "",
  lastName: "",
  username: "",
  password: "",
  confirm: "",
  inbound: true,
  outbound: true,
};

/** What is wrong with a step's fields (null when it may go on). */
function problem(step, form) {
  if (step === 0) {
    if (form.identity === "EXISTING_DIRECTORY") {
      if (!form.directoryId.trim()) return "Enter the ID of the directory to link to.";
      return form.alias ? aliasProblem(form.alias) : null;
    }
    return aliasProblem(form.alias);
  }
  if (step === 1 && adminCreated(form)) {
    if (!form.firstName.trim() || !form.lastName.trim()) {
      return "Enter the administrator's first and last name.";
    }
    if (!form.username.trim()) return "Enter the administrator's username.";
    if (!/^[a-zA-Z0-9_\-.@]{1,64}$/.test(form.username.trim())) {
      return "The username can use letters, digits and . _ - @ (at most 64 characters).";
    }
    const weak = passwordProblem(form.password);
    if (weak) return weak;
    if (form.password !== form.confirm) return "The two passwords are not the same.";
  }
  return null;
}

/** Only instances that keep their own users get an administrator with a password here. */
function adminCreated(form) {
  return form.identity === "CONNECT_MANAGED" && form.withAdmin;
}

async function addAdministrator(instanceId, form) {
  const security = await connect("ListSecurityProfiles", { InstanceId: instanceId });
  const admin = security.SecurityProfileSummaryList.find((p) => p.Name === ADMIN_PROFILE);
  const routing = await connect("ListRoutingProfiles", { InstanceId: instanceId });
  const basic = routing.RoutingProfileSummaryList.find((p) => p.Name === ROUTING_PROFILE);
  if (!admin || !basic) throw new Error("The new instance has no Admin security profile.");
  await connect("CreateUser", {
    InstanceId: instanceId,
    Username: form.username.trim(),
    Password: form.password,
    IdentityInfo: { FirstName: form.firstName.trim(), LastName: form.lastName.trim() },
    PhoneConfig: { PhoneType: "SOFT_PHONE" },
    SecurityProfileIds: [admin.Id],
    RoutingProfileId: basic.Id,
  });
}

export function CreateInstance({ onCreated }) {
  const [step, setStep] = useState(0);
  const [form, setForm] = useState(INITIAL);
  const [error, setError] = useState(null);
  const [progress, setProgress] = useState(null);
  const [token] = useState(clientToken);
  const heading = useRef(null);

  const moved = useRef(false);

  // A new step takes the focus to its heading (not on arrival: the page focuses its own title).
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step]);

  const put = (field, value) => setForm((now) => ({ ...now, [field]: value }));
  const set = (field) => (event) => {
    const target = event.target;
    put(field, target.type === "checkbox" ? target.checked : target.value);
  };

  const go = (next) => {
    setError(null);
    setStep(next);
  };

  const forward = (event) => {
    event.preventDefault();
    const wrong = problem(step, form);
    if (wrong) {
      setError(new Error(wrong));
      return;
    }
    if (step < STEPS.length - 1) go(step + 1);
    else create();
  };

  const create = async () => {
    setError(null);
    for (let s = 0; s < STEPS.length - 1; s += 1) {
      const wrong = problem(s, form);
      if (wrong) {
        go(s);
        setError(new Error(wrong));
        return;
      }
    }
    setProgress("Creating the instance…");
    let created;
    try {
      const input = {
        ClientToken: token,
        IdentityManagementType: form.identity,
        InboundCallsEnabled: form.inbound,
        OutboundCallsEnabled: form.outbound,
      };
      if (form.alias) input.InstanceAlias = form.alias;
      if (form.identity === "EXISTING_DIRECTORY") input.DirectoryId = form.directoryId.trim();
      created = await connect("CreateInstance", input);
    } catch (caught) {
      setProgress(null);
      setError(caught);
      return;
    }
    let adminError = null;
    if (adminCreated(form)) {
      setProgress("Adding the administrator…");
      try {
        await addAdministrator(created.Id, form);
      } catch (caught) {
        adminError = caught;
      }
    }
    const described = await connect("DescribeInstance", { InstanceId: created.Id }).catch(() => ({
      Instance: { Id: created.Id, Arn: created.Arn, InstanceAlias: form.alias || undefined },
    }));
    onCreated(described.Instance, adminError, adminCreated(form) ? form.username.trim() : null);
  };

  return html`<section class="wizard" aria-labelledby="wizard-heading">
    <p><a href="#/">Instances</a> › Create instance</p>
    <h1 id="wizard-heading">Create instance</h1>
    <div class="wizard-body">
      <nav aria-label="Steps">
        <ol class="steps">
          ${STEPS.map(
            (name, index) => html`<li aria-current=${index === step ? "step" : undefined}
              class=${index === step ? "current" : index < step ? "done" : ""}>
              <span class="step-number">Step ${index + 1}</span>
              ${index < step
                ? html`<button type="button" class="link" onClick=${() => go(index)}>${name}</button>`
                : html`<span>${name}</span>`}
            </li>`,
          )}
        </ol>
      </nav>
      <form class="card wizard-step" onSubmit=${forward} novalidate>
        <h2 tabindex="-1" ref=${heading}>${STEPS[step]}</h2>
        ${step === 0 && html`<${IdentityStep} form=${form} set=${set} />`}
        ${step === 1 && html`<${AdministratorStep} form=${form} set=${set} put=${put} />`}
        ${step === 2 && html`<${TelephonyStep} form=${form} set=${set} />`}
        ${step === 3 && html`<${Review} form=${form} go=${go} />`}
        <${Message} error=${error} notice=${progress} />
        <div class="wizard-actions">
          <a class="button" href="#/">Cancel</a>
          ${step > 0 &&
          html`<button type="button" onClick=${() => go(step - 1)} disabled=${!!progress}>
            Previous</button>`}
          <button type="submit" class="primary" disabled=${!!progress}>
            ${step === STEPS.length - 1 ? "Create instance" : "Next"}</button>
        </div>
      </form>
    </div>
  </section>`;
}

function IdentityStep({ form, set }) {
  const origin = location.origin;
  return html`
    <fieldset>
      <legend>Identity management</legend>
      ${Object.entries(IDENTITY).map(
        ([value, words]) => html`<label class="check" key=${value}>
          <input type="radio" name="identity" value=${value} checked=${form.identity === value}
            onChange=${set("identity")} />
          ${words}</label>`,
      )}
    </fieldset>
    <p class="hint">
      ${form.identity === "CONNECT_MANAGED"
        ? "Users sign in with a username and password kept by the instance."
        : form.identity === "SAML"
          ? "Users sign in through your identity provider; the instance keeps no passwords."
          : "Users and their passwords are in the directory you link to."}
    </p>
    ${form.identity === "EXISTING_DIRECTORY" &&
    html`<label for="directory-id">Directory ID</label>
      <input id="directory-id" value=${form.directoryId} onInput=${set("directoryId")}
        spellcheck="false" />`}
    <label for="alias">Access URL alias</label>
    <input id="alias" value=${form.alias} onInput=${set("alias")} spellcheck="false"
      aria-describedby="alias-hint" autocomplete="off" />
    <p class="hint" id="alias-hint">
      Access URL: <code>${origin}/login?instance=${form.alias || "<alias>"}</code>.
      Letters, digits and hyphens; unique in this server.</p>`;
}

function AdministratorStep({ form, set, put }) {
  if (form.identity !== "CONNECT_MANAGED") {
    return html`<p>Instances with ${identityName(form.identity)} keep no passwords: add
      administrators after the instance is created, with the users of your
      ${form.identity === "SAML" ? "identity provider" : "directory"}.</p>`;
  }
  return html`
    <fieldset>
      <legend>Administrator</legend>
      <label class="check">
        <input type="radio" name="admin" checked=${form.withAdmin}
          onChange=${() => put("withAdmin", true)} />
        Specify an administrator</label>
      <label class="check">
        <input type="radio" name="admin" checked=${!form.withAdmin}
          onChange=${() => put("withAdmin", false)} />
        No administrator</label>
    </fieldset>
    ${form.withAdmin
      ? html`<p class="hint">The administrator gets the Admin security profile and signs in to
          the admin website with this username and password.</p>
        <div class="two-columns">
          <div><label for="admin-first-name">First name</label>
            <input id="admin-first-name" value=${form.firstName} onInput=${set("firstName")}
              autocomplete="off" /></div>
          <div><label for="admin-last-name">Last name</label>
            <input id="admin-last-name" value=${form.lastName} onInput=${set("lastName")}
              autocomplete="off" /></div>
        </div>
        <label for="admin-username">Username</label>
        <input id="admin-username" value=${form.username} onInput=${set("username")}
          autocomplete="off" spellcheck="false" />
        <label for="admin-password">Password</label>
        <input id="admin-password" type="password" value=${form.password}
          onInput=${set("password")} autocomplete="new-password" aria-describedby="password-hint" />
        <p class="hint" id="password-hint">8 to 64 characters, with an upper-case letter, a
          lower-case letter and a digit.</p>
        <label for="admin-confirm">Confirm password</label>
        <input id="admin-confirm" type="password" value=${form.confirm}
          onInput=${set("confirm")} autocomplete="new-password" />`
      : html`<p class="hint">Without an administrator nobody can sign in to the new instance
          until a user is added with CreateUser.</p>`}`;
}

function TelephonyStep({ form, set }) {
  return html`
    <fieldset>
      <legend>Telephony options</legend>
      <label class="check" for="inbound-calls">
        <input id="inbound-calls" type="checkbox" checked=${form.inbound}
          onChange=${set("inbound")} aria-describedby="inbound-hint" />
        Inbound calls</label>
      <p class="hint indent" id="inbound-hint">I want to handle incoming calls with Amazon Connect.</p>
      <label class="check" for="outbound-calls">
        <input id="outbound-calls" type="checkbox" checked=${form.outbound}
          onChange=${set("outbound")} aria-describedby="outbound-hint" />
        Outbound calls</label>
      <p class="hint indent" id="outbound-hint">I want to make outbound calls with Amazon Connect.</p>
    </fieldset>`;
}

function Review({ form, go }) {
  const section = (title, index, rows) => html`<div class="review-section">
    <div class="spread">
      <h3>${title}</h3>
      <button type="button" class="link edit" aria-label=${`Edit ${title.toLowerCase()}`}
        onClick=${() => go(index)}>Edit</button>
    </div>
    <dl>${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
  </div>`;
  return html`
    ${section("Identity management", 0, [
      ["Identity management", identityName(form.identity)],
      ["Access URL alias", form.alias || "—"],
      ...(form.identity === "EXISTING_DIRECTORY" ? [["Directory ID", form.directoryId]] : []),
    ])}
    ${section(
      "Administrator",
      1,
      adminCreated(form)
        ? [
            ["Name", `${form.firstName} ${form.lastName}`],
            ["Username", form.username],
            ["Security profile", ADMIN_PROFILE],
          ]
        : [["Administrator", "None"]],
    )}
    ${section("Telephony", 2, [
      ["Inbound calls", enabled(form.inbound)],
      ["Outbound calls", enabled(form.outbound)],
    ])}`;
}

// /console: the AWS account's view of Amazon Connect (the "Amazon Connect" service of the AWS
// console). Sign in with the access key pair, list the region's instances, create one with the
// wizard, open one to change its telephony, reach its sign-in pages, or delete it.
// Views are addressed by the URL's hash (#/, #/create, #/instances/<id>), so Back works.
import { html, Message, mount, useEffect, useState } from "./ui.js";
import {
  clearConsoleSession,
  currentSession,
  listInstances,
  loadConsoleSession,
  onUnauthorized,
} from "./console/client.js";
import { SignIn } from "./console/signin.js";
import { InstanceList } from "./console/instances.js";
import { CreateInstance } from "./console/wizard.js";
import { InstanceDetail } from "./console/detail.js";
import { regionName } from "./console/words.js";

// The page's own styles, next to the shared ones the page shell links.
if (!document.querySelector('link[href="/static/css/console.css"]')) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "/static/css/console.css";
  document.head.append(link);
}

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const detail = hash.match(/^\/instances\/([^/]+)$/);
  if (detail) return { view: "detail", id: decodeURIComponent(detail[1]) };
  if (hash === "/create") return { view: "create" };
  return { view: "list" };
}

function useRoute() {
  const [current, setCurrent] = useState(route);
  useEffect(() => {
    const changed = () => setCurrent(route());
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return current;
}

function Console() {
  const [session, setSession] = useState(loadConsoleSession);
  const [account, setAccount] = useState(null);
  const [reason, setReason] = useState(null);

  useEffect(() => {
    onUnauthorized((message) => {
      setReason(message || "Your console session has ended; sign in again.");
      setSession(null);
      setAccount(null);
    });
  }, []);

  useEffect(() => {
    if (!session) return;
    currentSession().then(setAccount, () => {});
  }, [session]);

  const signOut = () => {
    clearConsoleSession();
    setReason(null);
    setSession(null);
    setAccount(null);
  };

  if (!session) {
    return html`<${SignIn} reason=${reason} onSignedIn=${(created) => {
      setReason(null);
      setSession(created);
      location.hash = "#/";
    }} />`;
  }
  return html`<div class="console">
    <header class="console-bar">
      <a class="brand" href="#/">OpenContact console</a>
      <span class="service">Amazon Connect</span>
      <span class="spacer"></span>
      <span class="account">
        ${account && html`<span>Account ${account.accountId}</span>`}
        <span aria-label="Region">${regionName(session.region)}</span>
      </span>
      <button type="button" class="on-dark" onClick=${signOut}>Sign out</button>
    </header>
    <${Workspace} region=${session.region} />
  </div>`;
}

function Workspace({ region }) {
  const current = useRoute();
  const [instances, setInstances] = useState(null);
  const [error, setError] = useState(null);
  // What the last create or delete said, for the view it led to (and only that view).
  const [flash, setFlash] = useState(null);
  const here = location.hash || "#/";
  const said = flash && flash.at === here ? flash : null;

  useEffect(() => {
    listInstances().then(setInstances, setError);
  }, [region]);

  // A new view takes the focus to its title, so that keyboard and screen-reader users land in it.
  useEffect(() => {
    const heading = document.querySelector("#console-main h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [current.view, current.id, instances === null]);

  const upsert = (instance) =>
    setInstances((now) => {
      const others = (now || []).filter((i) => i.Id !== instance.Id);
      const merged = { ...(now || []).find((i) => i.Id === instance.Id), ...instance };
      return [...others, merged].sort((a, b) => (a.CreatedTime || 0) - (b.CreatedTime || 0));
    });

  const created = (instance, adminError, username) => {
    upsert(instance);
    const name = instance.InstanceAlias || instance.Id;
    const at = `#/instances/${encodeURIComponent(instance.Id)}`;
    setFlash(
      adminError
        ? {
            at,
            error: new Error(
              `Instance ${name} was created, but its administrator was not: ${adminError.message}`,
            ),
          }
        : {
            at,
            notice: username
              ? `Instance ${name} created, with the administrator ${username}.`
              : `Instance ${name} created.`,
          },
    );
    location.hash = at;
  };

  const deleted = (instance) => {
    setInstances((now) => (now || []).filter((i) => i.Id !== instance.Id));
    setFlash({ at: "#/", notice: `Instance ${instance.InstanceAlias || instance.Id} deleted.` });
    location.hash = "#/";
  };

  let view;
  if (current.view === "create") {
    view = html`<${CreateInstance} onCreated=${created} />`;
  } else if (current.view === "detail") {
    view = html`<${InstanceDetail} key=${current.id} instanceId=${current.id} region=${region}
      known=${instances?.find((i) => i.Id === current.id)}
      notice=${said?.notice} onChanged=${upsert} onDeleted=${deleted} />`;
  } else if (instances === null) {
    view = error
      ? html`<${Message} error=${error} />`
      : html`<p role="status">Loading instances…</p>`;
  } else {
    view = html`<${Message} notice=${said?.notice} onDismiss=${() => setFlash(null)} />
      <${InstanceList} instances=${instances} region=${region} />`;
  }
  return html`<main id="console-main" class="console-main">
    ${said?.error && html`<${Message} error=${said.error} onDismiss=${() => setFlash(null)} />`}
    ${view}
  </main>`;
}

mount(Console);

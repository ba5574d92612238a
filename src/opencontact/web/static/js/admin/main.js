// /admin: the Amazon Connect admin website. The shell signs the user in, asks the server who
// they are on which instance (GET /api/v1/admin/session), opens the one events feed that keeps
// every page current, and routes /admin/... paths to the sections in the browser.
import { api } from "../api.js";
import { openLive } from "../live.js";
import { requireSession, signOut } from "../session.js";
import { html, LiveIndicator, Message, mount, useEffect, useRef, useState } from "../ui.js";
import { Link, Loading, publishEvent } from "./kit.js";
import { AgentStatusesSection } from "./agent-statuses.js";
import { DashboardSection } from "./dashboard.js";
import { HoursSection } from "./hours.js";
import { KnowledgeSection } from "./knowledge.js";
import { PhoneNumbersSection } from "./phone-numbers.js";
import { QueuesSection } from "./queues.js";
import { QuickConnectsSection } from "./quick-connects.js";
import { RoutingProfilesSection } from "./routing-profiles.js";
import { SecurityProfilesSection } from "./security-profiles.js";
import { UsersSection } from "./users.js";

// The left navigation, grouped as Amazon Connect groups it; `permission` hides what the
// user's security profiles do not let them view.
const NAVIGATION = [
  { items: [{ base: "/admin", label: "Dashboard", component: DashboardSection, exact: true }] },
  {
    group: "Users",
    items: [
      { base: "/admin/users", label: "User management", component: UsersSection,
        permission: "Users.View" },
      { base: "/admin/security-profiles", label: "Security profiles",
        component: SecurityProfilesSection, permission: "SecurityProfiles.View" },
      { base: "/admin/agent-statuses", label: "Agent status", component: AgentStatusesSection,
        permission: "AgentStates.View" },
    ],
  },
  {
    group: "Routing",
    items: [
      { base: "/admin/queues", label: "Queues", component: QueuesSection,
        permission: "Queues.View" },
      { base: "/admin/routing-profiles", label: "Routing profiles",
        component: RoutingProfilesSection, permission: "RoutingPolicies.View" },
      { base: "/admin/quick-connects", label: "Quick connects", component: QuickConnectsSection,
        permission: "TransferDestinations.View" },
      { base: "/admin/hours", label: "Hours of operation", component: HoursSection,
        permission: "HoursOfOperation.View" },
    ],
  },
  {
    group: "Channels and flows",
    items: [
      { base: "/admin/phone-numbers", label: "Phone numbers", component: PhoneNumbersSection,
        permission: "PhoneNumbers.View" },
      { base: "/admin/flows", label: "Flows", component: null, permission: "ContactFlows.View" },
    ],
  },
  {
    group: "Agent applications",
    items: [
      { base: "/admin/knowledge", label: "Knowledge base", component: KnowledgeSection,
        permission: "Wisdom.Edit" },
    ],
  },
];

const SECTIONS = NAVIGATION.flatMap((group) => group.items);

function sectionFor(path) {
  const clean = path.replace(/\/+$/, "") || "/admin";
  return SECTIONS.find((section) =>
    section.exact ? clean === section.base : clean === section.base || clean.startsWith(section.base + "/"),
  );
}

function allowed(item, permissions) {
  return !item.permission || permissions.includes(item.permission);
}

// The Flows pages come from flows.js (built separately); loading it on first use keeps the rest
// of the website working even if that module fails.
let flowsModule = null;
function FlowsPage({ path, navigate }) {
  const [loaded, setLoaded] = useState(flowsModule);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (loaded) return;
    import("./flows.js").then(
      (module) => {
        flowsModule = module;
        setLoaded(module);
      },
      () => setError(new Error("The Flows pages could not be loaded; reload the page to try again.")),
    );
  }, []);
  if (error) return html`<${Message} error=${error} />`;
  if (!loaded) return html`<${Loading} />`;
  const Flows = loaded.FlowsSection;
  return html`<${Flows} path=${path} navigate=${navigate} />`;
}

function navigateTo(to) {
  history.pushState(null, "", to);
  window.dispatchEvent(new Event("admin:navigate"));
}

function SideNavigation({ path, permissions }) {
  const current = sectionFor(path);
  return html`<nav class="side-nav" aria-label="Admin website">
    ${NAVIGATION.map((group) => {
      const items = group.items.filter((item) => allowed(item, permissions));
      if (!items.length) return null;
      return html`<div class="nav-group">
        ${group.group && html`<h2 class="nav-heading">${group.group}</h2>`}
        <ul>
          ${items.map(
            (item) => html`<li><${Link} href=${item.base}
              aria-current=${current === item ? "page" : undefined}>${item.label}<//></li>`,
          )}
        </ul>
      </div>`;
    })}
  </nav>`;
}

function Refused({ message }) {
  return html`<main class="refused card">
    <h1>Amazon Connect admin</h1>
    <${Message} error=${{ message }} />
    <p><a href="/login" onClick=${(e) => { e.preventDefault(); signOut(); }}>Sign out</a></p>
  </main>`;
}

function Admin() {
  const session = requireSession();
  const [admin, setAdmin] = useState(null);
  const [refusal, setRefusal] = useState(null);
  const [path, setPath] = useState(location.pathname);
  const [liveState, setLiveState] = useState("connecting");

  useEffect(() => {
    if (!session) return;
    api.get("/api/v1/admin/session").then(setAdmin, (error) => setRefusal(error.message));
  }, []);

  useEffect(() => {
    const follow = () => setPath(location.pathname);
    window.addEventListener("popstate", follow);
    window.addEventListener("admin:navigate", follow);
    return () => {
      window.removeEventListener("popstate", follow);
      window.removeEventListener("admin:navigate", follow);
    };
  }, []);

  // One events feed for the whole website, opened once the server has let us in.
  useEffect(() => {
    if (!admin) return;
    let snapshots = 0;
    const live = openLive("/api/v1/admin/events", {
      token: session.token,
      onState: setLiveState,
      onMessage: (message) => {
        if (message.type === "snapshot") snapshots += 1;
        publishEvent(message, { resync: message.type === "snapshot" && snapshots > 1 });
      },
      onRefused: (_code, reason) =>
        setRefusal(reason || "The server closed the live updates of the admin website."),
    });
    return () => live.close();
  }, [admin]);

  const section = sectionFor(path);
  const permissions = admin?.permissions || [];
  useEffect(() => {
    const title = section ? section.label : "Page not found";
    document.title = `${title} · Amazon Connect admin · OpenContact`;
  }, [section]);

  // After in-page navigation, move focus to the new page so keyboard and screen-reader users
  // start there (not on the first load: the browser's own focus is right then).
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) document.getElementById("content")?.focus();
    firstPath.current = null;
  }, [path]);

  if (!session) return null;
  if (refusal) return html`<${Refused} message=${refusal} />`;
  if (!admin) return html`<${Loading} what="Opening the admin website…" />`;

  let content;
  if (!section) {
    content = html`<h1>Page not found</h1><p>There is no admin page at ${path}.
      <${Link} href="/admin">Go to the dashboard<//></p>`;
  } else if (!allowed(section, permissions)) {
    content = html`<h1>${section.label}</h1>
      <${Message} error=${{ message: `Your security profile does not allow ${section.permission}.` }} />`;
  } else if (section.base === "/admin/flows") {
    content = html`<${FlowsPage} path=${path} navigate=${navigateTo} />`;
  } else {
    const Section = section.component;
    content = html`<${Section} path=${path} navigate=${navigateTo} admin=${admin} />`;
  }

  const user = admin.user || session.user;
  return html`<div class="admin-shell">
    <a class="skip-link" href="#content">Skip to content</a>
    <header class="top-bar">
      <${Link} href="/admin" class="brand">
        <span class="brand-mark" aria-hidden="true">◆</span> Amazon Connect
      <//>
      <span class="instance" title=${admin.instance?.arn || ""}>
        <span class="visually-hidden">Instance </span>${admin.instance?.alias}
        <span class="region">${admin.instance?.region}</span>
      </span>
      <span class="grow"></span>
      <span class="signed-in">${user?.username}</span>
      <button type="button" class="sign-out" onClick=${signOut}>Sign out</button>
    </header>
    <${LiveIndicator} state=${liveState} />
    <div class="admin-body">
      <${SideNavigation} path=${path} permissions=${permissions} />
      <main id="content" class="admin-content" tabindex="-1">${content}</main>
    </div>
  </div>`;
}

mount(Admin);

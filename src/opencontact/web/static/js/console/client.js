// The console's own session (the account, signed in with its access key pair) and its calls to
// /api/v1/console. Kept apart from the agent session of /login: signing in to an instance as
// one of its users does not sign the console out, nor the other way round.
import { send as sendWith } from "../api.js";
import { sessionStore } from "../session.js";

const kept = sessionStore("opencontact.console");

export function loadConsoleSession() {
  return kept.load();
}

export function saveConsoleSession(session) {
  kept.save(session);
}

export function clearConsoleSession() {
  kept.clear();
}

let unauthorized = null;

/** Called (with the server's sentence) when the kept token stops working: sign in again. */
export function onUnauthorized(listener) {
  unauthorized = listener;
}

function send(method, path, body) {
  const session = loadConsoleSession();
  const ended =
    session && path !== "/sessions"
      ? (data) => {
          clearConsoleSession();
          unauthorized?.(data?.message);
        }
      : null;
  return sendWith(method, `/api/v1/console${path}`, body, session?.token, ended);
}

/** Signs in and keeps the session; throws ApiError (401 for wrong keys). */
export async function signIn(accessKeyId, secretAccessKey, region) {
  const session = await send("POST", "/sessions", { accessKeyId, secretAccessKey, region });
  saveConsoleSession(session);
  return session;
}

/** What the kept token stands for now (ApiError 401 when it no longer works). */
export function currentSession() {
  return send("GET", "/session");
}

/** Runs an Amazon Connect operation as the account, in the session's region. */
export function connect(operation, params = {}) {
  return send("POST", `/operations/${encodeURIComponent(operation)}`, params);
}

/** Every instance of the region (ListInstances, following NextToken). */
export async function listInstances() {
  const instances = [];
  let token;
  do {
    const page = await connect("ListInstances", token ? { NextToken: token } : {});
    instances.push(...page.InstanceSummaryList);
    token = page.NextToken;
  } while (token);
  return instances;
}

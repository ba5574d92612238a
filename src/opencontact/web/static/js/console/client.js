// The console's own session (the account, signed in with its access key pair) and its calls to
// /api/v1/console. Kept apart from the agent session of /login: signing in to an instance as
// one of its users does not sign the console out, nor the other way round.
import { ApiError } from "../api.js";

const KEY = "opencontact.console";

export function loadConsoleSession() {
  try {
    const session = JSON.parse(localStorage.getItem(KEY) || "null");
    if (!session || !session.token) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveConsoleSession(session) {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearConsoleSession() {
  localStorage.removeItem(KEY);
}

let unauthorized = null;

/** Called (with the server's sentence) when the kept token stops working: sign in again. */
export function onUnauthorized(listener) {
  unauthorized = listener;
}

async function send(method, path, body) {
  const headers = { Accept: "application/json" };
  const session = loadConsoleSession();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`/api/v1/console${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "NetworkError", "OpenContact cannot be reached; check the connection.");
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401 && session && path !== "/sessions") {
      clearConsoleSession();
      unauthorized?.(data?.message);
    }
    throw new ApiError(
      response.status,
      data?.error || `HTTP${response.status}`,
      data?.message || `The server answered ${response.status}.`,
    );
  }
  return data;
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

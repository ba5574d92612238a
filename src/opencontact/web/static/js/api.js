// Calls to the agent API (/api/v1) as the signed-in user. Errors carry the API's sentence for
// people (`message`) and its code (`code`); a 401 sends the user back to /login.
import { clearSession, loadSession, loginUrl } from "./session.js";

export class ApiError extends Error {
  constructor(status, code, message, problems) {
    super(message);
    this.status = status;
    this.code = code;
    // InvalidContactFlowException lists each problem of a flow.
    this.problems = problems || null;
  }
}

export async function request(method, path, body, { signIn = true } = {}) {
  const session = loadSession();
  const unauthorized =
    signIn && session
      ? () => {
          clearSession();
          location.replace(loginUrl());
        }
      : null;
  return send(method, path, body, session?.token, unauthorized);
}

/** One call with `token` (when there is one): the answer's JSON, or an ApiError carrying the
 * server's code and sentence; a 401 first calls `unauthorized` (if given) with the answer. */
export async function send(method, path, body, token, unauthorized) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
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
    const code = data?.error || data?.__type || `HTTP${response.status}`;
    const message = data?.message || data?.Message || `The server answered ${response.status}.`;
    if (response.status === 401) unauthorized?.(data);
    throw new ApiError(response.status, code, message, data?.problems);
  }
  return data;
}

export const api = {
  get: (path) => request("GET", path),
  post: (path, body = {}) => request("POST", path, body),
  put: (path, body) => request("PUT", path, body),
  patch: (path, body) => request("PATCH", path, body),
  delete: (path) => request("DELETE", path),
};

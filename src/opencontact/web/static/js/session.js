// The signed-in user of these pages: the token from POST /api/v1/sessions, kept in this
// browser's localStorage so that every page of the same origin shares it.
const KEY = "opencontact.session";

export function loadSession() {
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

export function saveSession(session) {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  localStorage.removeItem(KEY);
}

/** The URL of the sign-in page that comes back here afterwards. */
export function loginUrl(next = location.pathname + location.search, instance) {
  const query = new URLSearchParams({ next });
  if (instance) query.set("instance", instance);
  return `/login?${query}`;
}

/** The session, or off to /login (and back here once signed in). */
export function requireSession() {
  const session = loadSession();
  if (!session) {
    location.replace(loginUrl());
    return null;
  }
  return session;
}

export function signOut() {
  const session = loadSession();
  clearSession();
  location.assign(loginUrl(location.pathname, session?.user?.instanceAlias));
}

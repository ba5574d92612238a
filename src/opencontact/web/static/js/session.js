// The signed-in user of these pages: the token from POST /api/v1/sessions, kept in this
// browser's localStorage so that every page of the same origin shares it.

/** A session kept in localStorage under `key`: `load()` is null when there is none or it has
 * expired; `save(session)`, `clear()`. */
export function sessionStore(key) {
  return {
    load() {
      try {
        const session = JSON.parse(localStorage.getItem(key) || "null");
        if (!session || !session.token) return null;
        if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
          localStorage.removeItem(key);
          return null;
        }
        return session;
      } catch {
        return null;
      }
    },
    save(session) {
      localStorage.setItem(key, JSON.stringify(session));
    },
    clear() {
      localStorage.removeItem(key);
    },
  };
}

const kept = sessionStore("opencontact.session");

export function loadSession() {
  return kept.load();
}

export function saveSession(session) {
  kept.save(session);
}

export function clearSession() {
  kept.clear();
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

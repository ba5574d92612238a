// The agent's desk as the CCP shows it: the live feed (/api/v1/agent/events) replaces it after
// every change, and each action's answer (the fresh desk) replaces it at once.
import { api } from "../api.js";
import { openLive } from "../live.js";
import { signOut } from "../session.js";
import { useCallback, useEffect, useRef, useState } from "../ui.js";

/**
 * {desk, live, refused, error, busy, act, clearError, serverNow, listen}
 * `serverNow()` is the contact center's clock (timers count from it: under a simulation's
 * virtual clock it is not this computer's time). `listen(fn)` hands `fn` every message of the
 * feed (snapshots, desks, chat items) until the function it returns is called.
 */
export function useDesk(session) {
  const [desk, setDesk] = useState(null);
  const [live, setLive] = useState("connecting");
  const [refused, setRefused] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const offset = useRef(0);
  const listeners = useRef(new Set());

  useEffect(() => {
    if (!session) return undefined;
    const feed = openLive("/api/v1/agent/events", {
      token: session.token,
      onState: setLive,
      onMessage: (message) => {
        for (const listener of listeners.current) listener(message);
        if (message.type !== "snapshot" && message.type !== "agent") return;
        if (message.at) offset.current = Date.parse(message.at) - Date.now();
        setDesk(message.agent);
      },
      onRefused: (code, reason) => {
        if (code === 4401) signOut();
        else setRefused(reason || "Your security profile does not allow the Contact Control Panel.");
      },
    });
    window.__opencontactFeed = feed; // lets a test drop the connection as a network would
    return () => feed.close();
  }, [session]);

  const act = useCallback(async (method, path, body) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api[method](`/api/v1/agent${path}`, body);
      if (answer && answer.state !== undefined && answer.contacts) setDesk(answer);
      return answer;
    } catch (caught) {
      if (caught.status === 403 && caught.code === "AccessDenied" && !path) {
        setRefused(caught.message);
      }
      setError(caught);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const serverNow = useCallback(() => Date.now() + offset.current, []);
  const listen = useCallback((listener) => {
    listeners.current.add(listener);
    return () => listeners.current.delete(listener);
  }, []);
  return {
    desk, live, refused, error, busy, act, clearError: () => setError(null), serverNow, listen,
  };
}

/** The contact the CCP is about: the newest one offered, else the one being worked. */
export function currentContact(desk) {
  if (!desk) return null;
  const order = ["OFFERED", "CONNECTING", "CONNECTED", "ON_HOLD", "AFTER_CONTACT_WORK"];
  const contacts = [...desk.contacts].sort(
    (a, b) => order.indexOf(a.state) - order.indexOf(b.state),
  );
  return contacts[0] || null;
}

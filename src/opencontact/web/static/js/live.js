// A WebSocket that stays open: when the connection drops it reconnects by itself (waiting a
// little longer after each failure), and the server's first message on every connection is a
// snapshot, so the page resynchronises without reloading.
export function openLive(path, { onMessage, onState, token, onRefused }) {
  let socket = null;
  let closed = false;
  let attempt = 0;
  let retry = null;

  const url = () => {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${location.host}${path}`;
  };

  const connect = () => {
    onState?.(attempt === 0 ? "connecting" : "reconnecting");
    socket = new WebSocket(url());
    socket.onopen = () => {
      if (token) socket.send(JSON.stringify({ type: "auth", token }));
    };
    socket.onmessage = (event) => {
      attempt = 0;
      onState?.("live");
      onMessage(JSON.parse(event.data));
    };
    socket.onclose = (event) => {
      if (closed) return;
      // 44xx: the server refused us (no session, no permission): retrying will not help.
      if (event.code >= 4400 && event.code < 4500) {
        onRefused?.(event.code, event.reason);
        return;
      }
      onState?.("reconnecting");
      const wait = Math.min(10000, 250 * 2 ** attempt);
      attempt += 1;
      retry = setTimeout(connect, wait);
    };
  };

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    },
    /** Drop the connection as a network failure would (tests, diagnostics). */
    drop() {
      socket?.close(4000, "dropped by the page");
    },
  };
}

// The customer's side of a chat over HTTP: starting it (POST /api/v1/chat/start) and the Amazon
// Connect Participant Service routes (/participant/*), which take a token in X-Amz-Bearer
// rather than the signed-in user's session. Errors carry the server's sentence (`message`) and
// its name (`code`: InvalidParameterException, AccessDeniedException...).

export class ChatError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The server no longer lets this participant in: the chat is over or the token is gone. */
  get participantGone() {
    return this.status === 403 || this.status === 404;
  }
}

async function call(path, body, bearer) {
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  if (bearer) headers["X-Amz-Bearer"] = bearer;
  let response;
  try {
    response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  } catch {
    throw new ChatError(0, "NetworkError", "The chat service cannot be reached; check the connection.");
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const code =
      data?.error ||
      response.headers.get("x-amzn-ErrorType")?.split(":")[0] ||
      `HTTP${response.status}`;
    const message =
      data?.message || data?.Message || `The chat service answered ${response.status}.`;
    throw new ChatError(response.status, code, message);
  }
  return data || {};
}

/** Starts a chat: {ContactId, ParticipantId, ParticipantToken}. */
export function startChat({ instance, displayName, contactFlowId, initialMessage }) {
  const body = { instance, displayName };
  if (contactFlowId) body.contactFlowId = contactFlowId;
  if (initialMessage) body.initialMessage = initialMessage;
  return call("/api/v1/chat/start", body);
}

/** A connection for a participant: {Websocket: {Url}, ConnectionCredentials: {ConnectionToken}}. */
export function createConnection(participantToken) {
  return call(
    "/participant/connection",
    { Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"], ConnectParticipant: true },
    participantToken,
  );
}

export const EVENT_TYPES = {
  typing: "application/vnd.amazonaws.connect.event.typing",
  delivered: "application/vnd.amazonaws.connect.event.message.delivered",
  read: "application/vnd.amazonaws.connect.event.message.read",
};

/** The calls a connected participant makes with its connection token. */
export function participantApi(connectionToken) {
  return {
    sendMessage: (content, clientToken) =>
      call(
        "/participant/message",
        { ContentType: "text/plain", Content: content, ClientToken: clientToken },
        connectionToken,
      ),
    sendEvent: (kind, messageId) =>
      call(
        "/participant/event",
        {
          ContentType: EVENT_TYPES[kind],
          ...(messageId ? { Content: JSON.stringify({ messageId }) } : {}),
        },
        connectionToken,
      ),
    /** The whole transcript, oldest first (follows NextToken). */
    async transcript() {
      const items = [];
      let nextToken;
      // A bound on pages, so that a server which keeps answering NextToken cannot loop us.
      for (let page = 0; page < 100; page += 1) {
        const body = { MaxResults: 100, ScanDirection: "FORWARD", SortOrder: "ASCENDING" };
        if (nextToken) body.NextToken = nextToken;
        const answer = await call("/participant/transcript", body, connectionToken);
        items.push(...(answer.Transcript || []));
        nextToken = answer.NextToken;
        if (!nextToken) break;
      }
      return items;
    },
    disconnect: () => call("/participant/disconnect", {}, connectionToken),
  };
}

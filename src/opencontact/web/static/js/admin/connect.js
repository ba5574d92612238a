// The admin website's one way to the server: Amazon Connect operations run as the signed-in
// user on their instance (POST /api/v1/admin/operations/{Operation}; the server adds the
// InstanceId). Errors are ApiError with the server's sentence, ready to show as they are.
import { ApiError, request } from "../api.js";

export { ApiError };

/** Run one Amazon Connect operation; the answer is its output JSON as Connect renders it. */
export function adminCall(operation, input = {}) {
  return request("POST", `/api/v1/admin/operations/${encodeURIComponent(operation)}`, input);
}

/** Every item of a paginated List or Search operation: follows NextToken to the end. */
export async function listAll(operation, key, input = {}) {
  const items = [];
  let token;
  // A server that kept answering the same token would loop for ever; 200 pages is far more
  // than any instance of this size has.
  for (let page = 0; page < 200; page += 1) {
    const answer = await adminCall(operation, token ? { ...input, NextToken: token } : input);
    items.push(...(answer?.[key] || []));
    token = answer?.NextToken;
    if (!token) break;
  }
  return items;
}

/** Sort summaries by Name the way people read them (case-insensitive, numbers in order). */
export function byName(a, b) {
  return (a.Name || a.Username || "").localeCompare(b.Name || b.Username || "", undefined, {
    sensitivity: "base",
    numeric: true,
  });
}

/** Connect timestamps are epoch seconds; show them in the browser's locale. */
export function formatTimestamp(epochSeconds) {
  if (epochSeconds === undefined || epochSeconds === null) return "";
  const date = new Date(Number(epochSeconds) * 1000);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString();
}

// The lists most forms pick from.
export const lists = {
  users: () => listAll("ListUsers", "UserSummaryList").then((l) => l.sort(byName)),
  queues: () =>
    listAll("ListQueues", "QueueSummaryList", { QueueTypes: ["STANDARD"] }).then((l) =>
      l.sort(byName),
    ),
  quickConnects: () =>
    listAll("ListQuickConnects", "QuickConnectSummaryList").then((l) => l.sort(byName)),
  routingProfiles: () =>
    listAll("ListRoutingProfiles", "RoutingProfileSummaryList").then((l) => l.sort(byName)),
  securityProfiles: () =>
    listAll("ListSecurityProfiles", "SecurityProfileSummaryList").then((l) => l.sort(byName)),
  hours: () =>
    listAll("ListHoursOfOperations", "HoursOfOperationSummaryList").then((l) => l.sort(byName)),
  flows: (types) =>
    listAll("ListContactFlows", "ContactFlowSummaryList", types ? { ContactFlowTypes: types } : {})
      .then((l) => l.sort(byName)),
  // V2 carries each number's description; `Id` as in the other summaries.
  phoneNumbers: () =>
    listAll("ListPhoneNumbersV2", "ListPhoneNumbersSummaryList").then((l) =>
      l
        .map((n) => ({ ...n, Id: n.PhoneNumberId }))
        .sort((a, b) => a.PhoneNumber.localeCompare(b.PhoneNumber)),
    ),
};

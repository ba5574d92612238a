// What the flow designer shows for each Flow-language action: the console's block name, a
// one-line summary of its settings, the words on its branches, and the parameters its settings
// panel offers. Pure data and functions (no DOM), so the diagram and the panel agree.

// Every action type of src/opencontact/flows/catalog.py, named as the Amazon Connect flow
// designer names the block that writes it.
const BLOCK_NAMES = {
  AssociateContactToCustomerProfile: "Customer profiles",
  CheckHoursOfOperation: "Check hours of operation",
  CheckMetricData: "Check queue status",
  CheckOutboundCallStatus: "Check call progress",
  CheckVoiceId: "Check Voice ID",
  Compare: "Check contact attributes",
  CompleteOutboundCall: "Call phone number",
  ConnectParticipantWithLexBot: "Get customer input",
  CreateCallbackContact: "Transfer to queue (callback)",
  CreateCase: "Cases",
  CreateCustomerProfile: "Customer profiles",
  CreateTask: "Create task",
  CreateWisdomSession: "Amazon Q in Connect",
  DequeueContactAndTransferToQueue: "Transfer to queue",
  DisconnectParticipant: "Disconnect / hang up",
  DistributeByPercentage: "Distribute by percentage",
  EndFlowExecution: "End flow / Resume",
  EndFlowModuleExecution: "Return",
  GetCalculatedAttributesForCustomerProfile: "Customer profiles",
  GetCase: "Cases",
  GetCustomerProfile: "Customer profiles",
  GetCustomerProfileObject: "Customer profiles",
  GetMetricData: "Get queue metrics",
  GetParticipantInput: "Get customer input",
  InvokeFlowModule: "Invoke module",
  InvokeLambdaFunction: "Invoke AWS Lambda function",
  Loop: "Loop",
  MessageParticipant: "Play prompt",
  MessageParticipantIteratively: "Loop prompts",
  ResumeContact: "Resume contact",
  ShowView: "Show view",
  StartOutboundChatContact: "Send message",
  StartVoiceIdStream: "Set Voice ID",
  TagContact: "Tag contact",
  TransferContactToAgent: "Transfer to agent",
  TransferContactToQueue: "Transfer to queue",
  TransferParticipantToThirdParty: "Transfer to phone number",
  TransferToFlow: "Transfer to flow",
  UnTagContact: "Untag contact",
  UpdateCase: "Cases",
  UpdateContactAttributes: "Set contact attributes",
  UpdateContactCallbackNumber: "Set callback number",
  UpdateContactData: "Set contact data",
  UpdateContactEventHooks: "Set event flow",
  UpdateContactMediaProcessing: "Set media processing",
  UpdateContactMediaStreamingBehavior: "Start media streaming",
  UpdateContactRecordingAndAnalyticsBehavior: "Set recording, analytics and processing behavior",
  UpdateContactRecordingBehavior: "Set recording and analytics behavior",
  UpdateContactRoutingBehavior: "Change routing priority / age",
  UpdateContactRoutingCriteria: "Set routing criteria",
  UpdateContactTargetQueue: "Set working queue",
  UpdateContactTextToSpeechVoice: "Set voice",
  UpdateCustomerProfile: "Customer profiles",
  UpdateFlowAttributes: "Set flow attributes",
  UpdateFlowLoggingBehavior: "Set logging behavior",
  UpdatePreviousContactParticipantState: "Hold customer or agent",
  UpdateRoutingCriteria: "Set routing criteria",
  Wait: "Wait",
};

// The console gives one action type several blocks; which one depends on a parameter.
const EVENT_HOOK_BLOCKS = {
  CustomerQueue: "Set customer queue flow",
  CustomerHold: "Set hold flow",
  AgentHold: "Set hold flow",
  CustomerWhisper: "Set whisper flow",
  AgentWhisper: "Set whisper flow",
  CustomerRemaining: "Set disconnect flow",
};

export const ACTION_TYPES = Object.keys(BLOCK_NAMES);

// Actions that end the flow (catalog.py's terminal ones): they have no Success branch.
const TERMINAL_TYPES = new Set([
  "DisconnectParticipant",
  "EndFlowExecution",
  "EndFlowModuleExecution",
  "TransferContactToAgent",
]);

export function isTerminal(type) {
  return TERMINAL_TYPES.has(type);
}

/** The flow designer's name for an action's block ("Play prompt"). */
export function blockName(action) {
  const type = action?.Type;
  const params = action?.Parameters || {};
  if (type === "GetParticipantInput" && isTrue(params.StoreInput)) return "Store customer input";
  if (type === "CheckMetricData" && String(params.MetricType || "").startsWith("NumberOfAgents")) {
    return "Check staffing";
  }
  if (type === "UpdateContactEventHooks") {
    const hooks = Object.keys(params.EventHooks || {});
    if (hooks.length === 1 && EVENT_HOOK_BLOCKS[hooks[0]]) return EVENT_HOOK_BLOCKS[hooks[0]];
  }
  if (type === "UpdateContactMediaStreamingBehavior" && params.MediaStreamingState === "Disabled") {
    return "Stop media streaming";
  }
  return BLOCK_NAMES[type] || type || "Unknown block";
}

export function isKnownType(type) {
  return Object.prototype.hasOwnProperty.call(BLOCK_NAMES, type);
}

function isTrue(value) {
  return value === true || String(value).toLowerCase() === "true";
}

function shown(value) {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

// Which parameter says what a block does, per type, first one present wins.
const SUMMARY_KEYS = {
  MessageParticipant: ["Text", "SSML", "PromptId", "Media"],
  GetParticipantInput: ["Text", "SSML", "PromptId"],
  ConnectParticipantWithLexBot: ["Text", "SSML", "PromptId"],
  UpdateContactTargetQueue: ["QueueId", "AgentId"],
  TransferContactToQueue: ["QueueId", "AgentId"],
  DequeueContactAndTransferToQueue: ["QueueId", "AgentId"],
  CreateCallbackContact: ["QueueId", "AgentId"],
  CheckMetricData: ["MetricType"],
  GetMetricData: ["QueueId", "AgentId"],
  Compare: ["ComparisonValue"],
  Loop: ["LoopCount"],
  Wait: ["TimeoutSeconds", "TimeLimitSeconds"],
  InvokeLambdaFunction: ["LambdaFunctionARN"],
  TransferToFlow: ["ContactFlowId"],
  InvokeFlowModule: ["FlowModuleId"],
  TransferParticipantToThirdParty: ["ThirdPartyPhoneNumber"],
  UpdateFlowLoggingBehavior: ["FlowLoggingBehavior"],
  UpdateContactTextToSpeechVoice: ["TextToSpeechVoice"],
  UpdateContactCallbackNumber: ["CallbackNumber"],
  UpdateContactRoutingBehavior: ["QueuePriority", "QueueTimeAdjustmentSeconds"],
  CheckHoursOfOperation: ["HoursOfOperationId"],
  CreateTask: ["Name"],
  UpdateContactMediaStreamingBehavior: ["MediaStreamingState"],
  UpdatePreviousContactParticipantState: ["PreviousContactParticipantState"],
};

/** A short sentence of what the block is set to do ("Text: Transferring now..."). */
export function blockSummary(action) {
  const params = action?.Parameters || {};
  const type = action?.Type;
  for (const key of SUMMARY_KEYS[type] || []) {
    if (params[key] !== undefined && params[key] !== "") return `${key}: ${shown(params[key])}`;
  }
  if (type === "UpdateContactAttributes" && params.Attributes) {
    return "Set " + Object.keys(params.Attributes).join(", ");
  }
  if (type === "UpdateFlowAttributes" && params.FlowAttributes) {
    return "Set " + Object.keys(params.FlowAttributes).join(", ");
  }
  if (type === "UpdateContactEventHooks" && params.EventHooks) {
    return Object.entries(params.EventHooks).map(([k, v]) => `${k}: ${shown(v)}`).join(", ");
  }
  if (type === "MessageParticipantIteratively" && Array.isArray(params.Messages)) {
    return `${params.Messages.length} prompt${params.Messages.length === 1 ? "" : "s"}`;
  }
  if (type === "TransferContactToQueue") return "The working queue";
  const first = Object.entries(params)[0];
  return first ? `${first[0]}: ${shown(first[1])}` : "";
}

// The console's words for error branches; anything else shows its ErrorType.
const ERROR_WORDS = {
  NoMatchingError: "Error",
  NoMatchingCondition: "Default",
  QueueAtCapacity: "At capacity",
  InputTimeLimitExceeded: "Timeout",
  CallFailed: "Call failed",
  ConnectionTimeLimitExceeded: "Timeout",
  InvalidPhoneNumber: "Invalid number",
  InvalidCallbackNumber: "Invalid number",
  CallbackNumberNotDialable: "Not dialable",
};

const OUTCOME_WORDS = {
  Loop: { ContinueLooping: "Looping", DoneLooping: "Complete" },
  CheckHoursOfOperation: { True: "In hours", False: "Out of hours" },
  Wait: { WaitCompleted: "Timeout expired" },
  MessageParticipantIteratively: { MessagesInterrupted: "Interrupted" },
};

const OPERATOR_WORDS = {
  Equals: "=",
  NumberGreaterThan: ">",
  NumberGreaterOrEqualTo: "≥",
  NumberLessThan: "<",
  NumberLessOrEqualTo: "≤",
  TextContains: "contains",
  TextStartsWith: "starts with",
  TextEndsWith: "ends with",
};

function conditionLabel(type, condition) {
  const operator = condition?.Operator;
  const operands = (condition?.Operands || []).map(shown);
  const value = operands.join(", ");
  const outcome = OUTCOME_WORDS[type]?.[value];
  if (outcome) return outcome;
  if (operator === "Equals" && type === "GetParticipantInput") return `Pressed ${value}`;
  if (operator === "Equals" || !operator) return value;
  return `${OPERATOR_WORDS[operator] || operator} ${value}`;
}

/**
 * The branches that leave an action, in the order the designer lists them: Success, each
 * condition, each error. kind is "next" | "condition" | "error"; index is the position in its
 * list (for edits); label is what the designer writes on the branch.
 */
export function branchesOf(action) {
  const transitions = action?.Transitions || {};
  const branches = [];
  if (typeof transitions.NextAction === "string") {
    branches.push({ kind: "next", index: 0, label: "Success", target: transitions.NextAction });
  } else if (action?.Type && !isTerminal(action.Type)) {
    // Not connected yet (a block just added, or whose next block was removed).
    branches.push({ kind: "next", index: 0, label: "Success", target: undefined });
  }
  (Array.isArray(transitions.Conditions) ? transitions.Conditions : []).forEach((c, index) => {
    branches.push({
      kind: "condition",
      index,
      label: conditionLabel(action.Type, c?.Condition),
      target: c?.NextAction,
    });
  });
  (Array.isArray(transitions.Errors) ? transitions.Errors : []).forEach((e, index) => {
    branches.push({
      kind: "error",
      index,
      label: ERROR_WORDS[e?.ErrorType] || e?.ErrorType || "Error",
      errorType: e?.ErrorType,
      target: e?.NextAction,
    });
  });
  return branches;
}

// Parameters each settings panel offers even when the block does not set them yet (from the
// catalog's rules). choices turn the field into a list; long means a multi-line box.
const PROMPT_FIELDS = [
  { name: "Text", long: true },
  { name: "SSML", long: true },
  { name: "PromptId" },
];
const QUEUE_FIELDS = [{ name: "QueueId" }, { name: "AgentId" }];
export const PARAMETER_FIELDS = {
  MessageParticipant: PROMPT_FIELDS,
  GetParticipantInput: [...PROMPT_FIELDS, { name: "InputTimeLimitSeconds" }, { name: "StoreInput" }],
  UpdateContactTargetQueue: QUEUE_FIELDS,
  TransferContactToQueue: QUEUE_FIELDS,
  DequeueContactAndTransferToQueue: QUEUE_FIELDS,
  GetMetricData: QUEUE_FIELDS,
  CheckMetricData: [
    {
      name: "MetricType",
      choices: [
        "NumberOfContactsInQueue",
        "OldestContactInQueueAgeSeconds",
        "NumberOfAgentsOnline",
        "NumberOfAgentsAvailable",
        "NumberOfAgentsStaffed",
      ],
    },
    ...QUEUE_FIELDS,
  ],
  Compare: [{ name: "ComparisonValue" }],
  Loop: [{ name: "LoopCount" }],
  Wait: [{ name: "TimeoutSeconds" }],
  InvokeLambdaFunction: [
    { name: "LambdaFunctionARN" },
    { name: "InvocationTimeLimitSeconds" },
    { name: "InvocationType", choices: ["SYNCHRONOUS", "ASYNCHRONOUS"] },
  ],
  TransferToFlow: [{ name: "ContactFlowId" }],
  InvokeFlowModule: [{ name: "FlowModuleId" }],
  TransferParticipantToThirdParty: [
    { name: "ThirdPartyPhoneNumber" },
    { name: "ThirdPartyConnectionTimeLimitSeconds" },
    { name: "ContinueFlowExecution", choices: ["true", "false"] },
    { name: "ThirdPartyDTMFDigits" },
  ],
  UpdateFlowLoggingBehavior: [{ name: "FlowLoggingBehavior", choices: ["Enabled", "Disabled"] }],
  UpdateContactTextToSpeechVoice: [{ name: "TextToSpeechVoice" }],
  UpdateContactCallbackNumber: [{ name: "CallbackNumber" }],
  UpdateContactRoutingBehavior: [{ name: "QueuePriority" }, { name: "QueueTimeAdjustmentSeconds" }],
  CheckHoursOfOperation: [{ name: "HoursOfOperationId" }],
  CreateTask: [{ name: "Name" }, { name: "Description", long: true }, { name: "ContactFlowId" }],
  CreateCallbackContact: [
    { name: "InitialCallDelaySeconds" },
    { name: "MaximumConnectionAttempts" },
    { name: "RetryDelaySeconds" },
    ...QUEUE_FIELDS,
  ],
  UpdatePreviousContactParticipantState: [
    {
      name: "PreviousContactParticipantState",
      choices: ["AgentOnHold", "CustomerOnHold", "OffHold"],
    },
  ],
};

/** The fields of a settings panel: the suggested parameters, then every other one it has. */
export function parameterFields(action) {
  const params = action?.Parameters || {};
  const suggested = PARAMETER_FIELDS[action?.Type] || [];
  const fields = suggested.map((field) => ({ ...field, suggested: true, value: params[field.name] }));
  for (const [name, value] of Object.entries(params)) {
    if (!suggested.some((field) => field.name === name)) fields.push({ name, value });
  }
  return fields;
}

/** The words for one branch in lists and messages ("Success", "Timeout (InputTimeLimitExceeded)"). */
export function branchWords(branch) {
  return branch.kind === "error" && branch.errorType !== branch.label
    ? `${branch.label} (${branch.errorType})`
    : branch.label;
}

/** The blocks an admin can add, as the palette lists them: {type, name}, by name. */
export function paletteEntries() {
  const counts = {};
  for (const name of Object.values(BLOCK_NAMES)) counts[name] = (counts[name] || 0) + 1;
  return ACTION_TYPES.map((type) => {
    const name = BLOCK_NAMES[type];
    // Several action types share a console block name: the type tells them apart.
    return { type, name: counts[name] > 1 ? `${name} (${type})` : name };
  }).sort((a, b) => a.name.localeCompare(b.name));
}

/** A new Identifier, a UUID as the console gives its blocks. */
export function newIdentifier() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// What a new block starts with, as the console writes it (values in strings). Branches the
// block must have are there, not connected (NextAction ""); Success is added when connected.
const outcome = (value) => ({ NextAction: "", Condition: { Operator: "Equals", Operands: [value] } });
const error = (type) => ({ NextAction: "", ErrorType: type });
const NEW_BLOCKS = {
  MessageParticipant: { Parameters: { Text: "" } },
  GetParticipantInput: {
    Parameters: { Text: "", StoreInput: "False", InputTimeLimitSeconds: "5" },
    Transitions: {
      Conditions: [outcome("1")],
      Errors: [error("InputTimeLimitExceeded"), error("NoMatchingCondition"), error("NoMatchingError")],
    },
  },
  Loop: { Parameters: { LoopCount: "3" }, Transitions: { Conditions: [outcome("ContinueLooping"), outcome("DoneLooping")] } },
  CheckHoursOfOperation: {
    Parameters: {},
    Transitions: { Conditions: [outcome("True"), outcome("False")], Errors: [error("NoMatchingError")] },
  },
  Wait: { Parameters: { TimeoutSeconds: "60" }, Transitions: { Conditions: [outcome("WaitCompleted")] } },
  Compare: { Parameters: { ComparisonValue: "" }, Transitions: { Errors: [error("NoMatchingCondition")] } },
  UpdateContactTargetQueue: { Parameters: { QueueId: "" }, Transitions: { Errors: [error("NoMatchingError")] } },
  TransferContactToQueue: {
    Parameters: {},
    Transitions: { Errors: [error("QueueAtCapacity"), error("NoMatchingError")] },
  },
  UpdateContactAttributes: { Parameters: { Attributes: {} } },
  UpdateFlowAttributes: { Parameters: { FlowAttributes: {} } },
  UpdateFlowLoggingBehavior: { Parameters: { FlowLoggingBehavior: "Enabled" } },
  UpdateContactTextToSpeechVoice: { Parameters: { TextToSpeechVoice: "Joanna" } },
  InvokeLambdaFunction: {
    Parameters: { LambdaFunctionARN: "", InvocationTimeLimitSeconds: "3" },
    Transitions: { Errors: [error("NoMatchingError")] },
  },
  TransferToFlow: { Parameters: { ContactFlowId: "" }, Transitions: { Errors: [error("NoMatchingError")] } },
  TransferParticipantToThirdParty: {
    Parameters: { ThirdPartyPhoneNumber: "", ThirdPartyConnectionTimeLimitSeconds: "30", ContinueFlowExecution: "True" },
    Transitions: { Errors: [error("CallFailed"), error("ConnectionTimeLimitExceeded"), error("NoMatchingError")] },
  },
};

/** A block of this type as the palette adds it: a fresh Identifier and default Parameters. */
export function newAction(type) {
  const preset = NEW_BLOCKS[type] || {};
  return {
    Identifier: newIdentifier(),
    Type: type,
    Parameters: structuredClone(preset.Parameters || {}),
    Transitions: structuredClone(preset.Transitions || {}),
  };
}

/**
 * A flow's problems by the block they name: {byBlock: {id: [sentence]}, start: [sentence]}.
 * The server writes "Action '<id>' (<Type>): ..." and "StartAction '<id>' ...".
 */
export function problemsByBlock(problems) {
  const byBlock = {};
  const start = [];
  for (const problem of problems || []) {
    const action = /^Action '(.*?)' \([A-Za-z0-9]+\): ([\s\S]*)$/.exec(problem);
    if (action) (byBlock[action[1]] ||= []).push(action[2]);
    else if (/^StartAction '/.test(problem)) start.push(problem);
  }
  return { byBlock, start };
}

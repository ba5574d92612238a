// The console's vocabulary: regions, identity management types, and how values are shown.

// The regions Amazon Connect runs in (the console's region menu offers these).
export const REGIONS = [
  ["us-east-1", "US East (N. Virginia)"],
  ["us-west-2", "US West (Oregon)"],
  ["af-south-1", "Africa (Cape Town)"],
  ["ap-northeast-1", "Asia Pacific (Tokyo)"],
  ["ap-northeast-2", "Asia Pacific (Seoul)"],
  ["ap-southeast-1", "Asia Pacific (Singapore)"],
  ["ap-southeast-2", "Asia Pacific (Sydney)"],
  ["ca-central-1", "Canada (Central)"],
  ["eu-central-1", "Europe (Frankfurt)"],
  ["eu-west-2", "Europe (London)"],
  ["us-gov-west-1", "AWS GovCloud (US-West)"],
];

export function regionName(code) {
  const found = REGIONS.find(([id]) => id === code);
  return found ? `${found[1]} ${code}` : code;
}

export const IDENTITY = {
  CONNECT_MANAGED: "Store users in Amazon Connect",
  SAML: "SAML 2.0-based authentication",
  EXISTING_DIRECTORY: "Link to an existing directory",
};

export function identityName(type) {
  return IDENTITY[type] || type;
}

/** Connect answers times in epoch seconds. */
export function formatTime(seconds) {
  if (seconds === undefined || seconds === null) return "";
  return new Date(seconds * 1000).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

export function enabled(flag) {
  return flag ? "Enabled" : "Disabled";
}

/** The sign-in page of an instance's users, opening `next` afterwards. */
export function instanceLogin(alias, next) {
  return `/login?instance=${encodeURIComponent(alias)}&next=${next}`;
}

/** Amazon Connect's password policy, checked before anything is created. */
export function passwordProblem(password) {
  if (password.length < 8 || password.length > 64) return "The password needs 8 to 64 characters.";
  if (!/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/[0-9]/.test(password)) {
    return "The password needs an upper-case letter, a lower-case letter and a digit.";
  }
  return null;
}

export function aliasProblem(alias) {
  if (!alias) return "Enter an access URL alias.";
  if (alias.length > 45) return "The alias can have at most 45 characters.";
  if (!/^[0-9A-Za-z]+(-*[0-9A-Za-z])*$/.test(alias) || alias.startsWith("d-")) {
    return "Use letters, digits and hyphens, starting and ending with a letter or digit (and not starting with 'd-').";
  }
  return null;
}

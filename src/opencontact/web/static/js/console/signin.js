// Signing in to the console with the account's access key pair (the one `opencontact serve`
// prints) and the region to work in.
import { html, Message, useState } from "../ui.js";
import { signIn } from "./client.js";
import { REGIONS } from "./words.js";

export function SignIn({ onSignedIn, reason }) {
  const [accessKeyId, setAccessKeyId] = useState("");
  const [secret, setSecret] = useState("");
  const [region, setRegion] = useState("us-east-1");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    if (!accessKeyId.trim() || !secret) {
      setError(new Error("Enter the access key ID and the secret access key."));
      return;
    }
    setBusy(true);
    try {
      onSignedIn(await signIn(accessKeyId.trim(), secret, region));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return html`<main class="login card console-signin">
    <h1>Sign in to the console</h1>
    <p class="hint">Use the access key pair that <code>opencontact serve</code> printed.</p>
    <${Message} notice=${!error && reason} />
    <form onSubmit=${submit} novalidate>
      <label for="access-key-id">Access key ID</label>
      <input id="access-key-id" value=${accessKeyId} autocomplete="username" autofocus
        spellcheck="false" onInput=${(e) => setAccessKeyId(e.target.value)} />
      <label for="secret-access-key">Secret access key</label>
      <input id="secret-access-key" type="password" value=${secret}
        autocomplete="current-password" onInput=${(e) => setSecret(e.target.value)} />
      <label for="region">Region</label>
      <select id="region" value=${region} onChange=${(e) => setRegion(e.target.value)}>
        ${REGIONS.map(([code, name]) => html`<option value=${code}>${name} (${code})</option>`)}
      </select>
      <${Message} error=${error} />
      <button type="submit" class="primary" disabled=${busy}>Sign in</button>
    </form>
  </main>`;
}

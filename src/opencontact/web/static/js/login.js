// /login: Instance, Username, Password, Sign in; then the page that was asked for (?next=).
import { api, ApiError } from "./api.js";
import { html, Message, mount, useEffect, useLayoutEffect, useRef, useState } from "./ui.js";
import { saveSession } from "./session.js";

const params = new URLSearchParams(location.search);

/** Only paths of this server, so that a link cannot send a signed-in user elsewhere. */
function nextPage() {
  const next = params.get("next") || "/ccp-v2";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/ccp-v2";
}

function Login() {
  const [instance, setInstance] = useState(params.get("instance") || "");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  // The form stays disabled until the server has said which instance to prefill, so that
  // nobody types into the Instance field just before the prefill lands in it.
  const [ready, setReady] = useState(Boolean(instance));
  const usernameField = useRef(null);

  useEffect(() => {
    if (ready) return;
    api.get("/api/v1/sessions/options").then(
      (options) => {
        if (options.instance) setInstance((now) => now || options.instance);
        setReady(true);
      },
      () => setReady(true),
    );
  }, []);

  // Focus moves with the same render that enables the form, before anyone can type.
  useLayoutEffect(() => {
    if (ready) usernameField.current?.focus();
  }, [ready]);

  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    if (!instance.trim() || !username.trim() || !password) {
      setError(new Error("Enter the instance, your username and your password."));
      return;
    }
    setBusy(true);
    try {
      const session = await api.post("/api/v1/sessions", {
        instance: instance.trim(),
        username: username.trim(),
        password,
      });
      saveSession(session);
      location.assign(nextPage());
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 404
          ? new Error(`There is no instance '${instance.trim()}' here.`)
          : caught,
      );
      setBusy(false);
    }
  };

  return html`<main class="login card">
    <h1>Sign in to OpenContact</h1>
    <form onSubmit=${submit} novalidate aria-busy=${ready ? "false" : "true"}>
      <fieldset disabled=${!ready}>
      <label for="instance">Instance</label>
      <input id="instance" name="instance" value=${instance} autocomplete="organization"
        onInput=${(e) => setInstance(e.target.value)} />
      <label for="username">Username</label>
      <input id="username" name="username" value=${username} autocomplete="username"
        ref=${usernameField} onInput=${(e) => setUsername(e.target.value)} />
      <label for="password">Password</label>
      <input id="password" name="password" type="password" value=${password}
        autocomplete="current-password" onInput=${(e) => setPassword(e.target.value)} />
      <${Message} error=${error} />
      <button type="submit" class="primary" disabled=${busy}>Sign in</button>
      </fieldset>
    </form>
  </main>`;
}

mount(Login);

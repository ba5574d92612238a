// Settings: how calls reach the agent — the browser (Softphone) or their own phone number
// (Desk phone), which must be a number the instance may call.
import { html, useState } from "../ui.js";

export function SettingsView({ desk, act, close }) {
  const current = desk.settings;
  const [phoneType, setPhoneType] = useState(current.phoneType);
  const [number, setNumber] = useState(current.deskPhoneNumber || "");
  const [saved, setSaved] = useState(false);

  const save = async (event) => {
    event.preventDefault();
    setSaved(false);
    const body = { phoneType };
    if (phoneType === "DESK_PHONE") body.deskPhoneNumber = number.trim();
    if (await act("put", "/settings/phone", body)) setSaved(true);
  };

  return html`<section class="settings" aria-labelledby="settings-title">
    <div class="spread">
      <h2 id="settings-title">Settings</h2>
      <button type="button" class="link" onClick=${close}>Back</button>
    </div>
    <form onSubmit=${save}>
      <fieldset>
        <legend>Phone type</legend>
        <label class="check"><input type="radio" name="phone-type" value="SOFT_PHONE"
          checked=${phoneType === "SOFT_PHONE"} onChange=${() => setPhoneType("SOFT_PHONE")} />
          Softphone</label>
        <label class="check"><input type="radio" name="phone-type" value="DESK_PHONE"
          checked=${phoneType === "DESK_PHONE"} onChange=${() => setPhoneType("DESK_PHONE")} />
          Desk phone</label>
      </fieldset>
      ${phoneType === "DESK_PHONE" &&
      html`<label for="desk-number">Phone number</label>
        <input id="desk-number" value=${number} inputmode="tel" placeholder="+1 206 555 0100"
          onInput=${(e) => setNumber(e.target.value)} />
        <p class="hint">Calls ring this number. It must be in a country your instance may call.</p>`}
      <p class="hint">${`Auto-accept calls: ${current.autoAccept ? "on" : "off"} (set by your administrator).`}</p>
      <div class="row">
        <button type="submit" class="primary">Save</button>
      </div>
      ${saved && html`<p class="message notice" role="status">Settings saved.</p>`}
    </form>
  </section>`;
}

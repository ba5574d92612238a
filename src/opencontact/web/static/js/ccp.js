// /ccp-v2: the basic Contact Control Panel.
import { Ccp } from "./ccp/panel.js";
import { useDesk } from "./ccp/desk.js";
import { html, mount } from "./ui.js";
import { requireSession } from "./session.js";

const session = requireSession();

function Page() {
  const desk = useDesk(session);
  return html`<div class="ccp-page"><${Ccp} session=${session} desk=${desk} /></div>`;
}

if (session) mount(Page);

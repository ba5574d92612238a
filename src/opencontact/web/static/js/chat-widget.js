// OpenContact's chat widget for other websites. The site adds
//
//   <script src="https://<opencontact>/chat/widget.js" data-instance="demo"
//     data-contact-flow-id="<optional>" async></script>
//
// and gets a floating "Chat with us" button that opens the /chat page of that OpenContact in a
// frame, and hides it again. Everything lives in a shadow root, so the site's styles do not
// reach the widget and the widget's do not reach the site. Optional: data-label (the button's
// words), data-position="left" (bottom-left instead of bottom-right).
(() => {
  const script = document.currentScript;
  if (!script || window.__opencontactChatWidget) return;

  const origin = new URL(script.src, location.href).origin;
  const data = script.dataset;
  const label = data.label || "Chat with us";
  const query = new URLSearchParams({ embed: "1" });
  if (data.instance) query.set("instance", data.instance);
  if (data.contactFlowId) query.set("flow", data.contactFlowId);
  const chatUrl = `${origin}/chat?${query}`;
  const side = data.position === "left" ? "left" : "right";

  const STYLE = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .launcher, .panel { position: fixed; ${side}: 16px; z-index: 2147483000;
      font: 600 16px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    .launcher { bottom: 16px; display: inline-flex; align-items: center; gap: 8px;
      padding: 12px 18px; border: 0; border-radius: 999px; cursor: pointer;
      background: #0972d3; color: #fff; box-shadow: 0 4px 14px rgb(0 0 0 / 25%); }
    .launcher:hover { background: #065cad; }
    .launcher:focus-visible, .hide:focus-visible { outline: 3px solid #f89256; outline-offset: 2px; }
    .launcher svg { width: 20px; height: 20px; fill: currentColor; }
    .panel { bottom: 80px; width: min(380px, calc(100vw - 32px));
      height: min(600px, calc(100vh - 112px)); display: flex; flex-direction: column;
      background: #fff; color: #16191f; border: 1px solid #d1d5db; border-radius: 12px;
      overflow: hidden; box-shadow: 0 8px 30px rgb(0 0 0 / 30%); }
    .panel[hidden] { display: none; }
    .bar { display: flex; justify-content: space-between; align-items: center;
      padding: 8px 8px 8px 14px; background: #0972d3; color: #fff; }
    .bar h2 { margin: 0; font: inherit; }
    .hide { border: 0; background: none; color: inherit; font: inherit; font-size: 22px;
      line-height: 1; padding: 4px 10px; border-radius: 6px; cursor: pointer; }
    iframe { flex: 1; width: 100%; border: 0; }
    @media (max-width: 480px) {
      .panel { left: 0; right: 0; bottom: 0; top: 0; width: auto; height: auto;
        border-radius: 0; border: 0; }
    }
  `;

  const host = document.createElement("div");
  host.setAttribute("data-opencontact-chat", "");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `
    <style>${STYLE}</style>
    <section class="panel" hidden aria-labelledby="oc-chat-title">
      <div class="bar">
        <h2 id="oc-chat-title"></h2>
        <button type="button" class="hide" aria-label="Hide chat">×</button>
      </div>
    </section>
    <button type="button" class="launcher" aria-expanded="false">
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>
      <span></span>
    </button>`;
  const panel = root.querySelector(".panel");
  const launcher = root.querySelector(".launcher");
  root.querySelector("#oc-chat-title").textContent = label;
  launcher.querySelector("span").textContent = label;
  let frame = null;

  // The chat in progress, kept by the site's page for the frame (see chat/saved-chat.js).
  const KEY = `opencontact.chat-widget:${origin}`;
  const keep = (chat) => {
    try {
      if (chat) sessionStorage.setItem(KEY, JSON.stringify(chat));
      else sessionStorage.removeItem(KEY);
    } catch {
      // The site's storage is refused too: the chat lasts as long as this page.
    }
  };
  const kept = () => {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  };

  const show = () => {
    if (!frame) {
      // The frame is made on first use, so a site's visitors who never chat load nothing more.
      frame = document.createElement("iframe");
      frame.title = label;
      const chat = kept();
      frame.src = chat ? `${chatUrl}#chat=${encodeURIComponent(chat)}` : chatUrl;
      frame.allow = "clipboard-write";
      panel.append(frame);
    }
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    frame.focus();
  };
  const hide = () => {
    // Hidden, not removed: the conversation goes on and is there when the panel opens again.
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  };

  launcher.addEventListener("click", () => (panel.hidden ? show() : hide()));
  root.querySelector(".hide").addEventListener("click", hide);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });

  // What the chat's frame asks (only that frame is listened to): hide the panel (Escape was
  // pressed in it), keep the chat for the site's next page.
  window.addEventListener("message", (event) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
    const ask = event.data?.opencontactChat;
    if (ask === "hide" && !panel.hidden) hide();
    else if (ask === "save") keep(event.data.chat);
  });

  window.__opencontactChatWidget = { open: show, close: hide };
  const attach = () => document.body.append(host);
  if (document.body) attach();
  else document.addEventListener("DOMContentLoaded", attach);
})();

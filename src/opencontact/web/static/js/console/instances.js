// "Instances": every instance of the account in the session's region, as the console lists them.
import { html } from "../ui.js";
import { enabled, formatTime, identityName } from "./words.js";

export function InstanceList({ instances, region }) {
  return html`<section aria-labelledby="instances-heading">
    <div class="spread">
      <h1 id="instances-heading">Instances <span class="muted count">(${instances.length})</span></h1>
      <a class="button primary" href="#/create">Create instance</a>
    </div>
    ${instances.length === 0
      ? html`<div class="card empty">
          <p>No instances in ${region} yet.</p>
          <p class="hint">An instance is a contact center: its users, queues, flows and numbers.</p>
        </div>`
      : html`<div class="table-wrap"><table>
          <caption class="visually-hidden">Amazon Connect instances in ${region}</caption>
          <thead><tr>
            <th scope="col">Instance alias</th>
            <th scope="col">Access URL</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Identity management</th>
            <th scope="col">Inbound calls</th>
            <th scope="col">Outbound calls</th>
          </tr></thead>
          <tbody>
            ${instances.map(
              (instance) => html`<tr key=${instance.Id}>
                <td><a href=${`#/instances/${instance.Id}`}>${instance.InstanceAlias || instance.Id}</a></td>
                <td><a href=${instance.InstanceAccessUrl}>${instance.InstanceAccessUrl}</a></td>
                <td><span class="status-badge">${instance.InstanceStatus === "ACTIVE" ? "Active" : instance.InstanceStatus}</span></td>
                <td class="time">${formatTime(instance.CreatedTime)}</td>
                <td>${identityName(instance.IdentityManagementType)}</td>
                <td>${enabled(instance.InboundCallsEnabled)}</td>
                <td>${enabled(instance.OutboundCallsEnabled)}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>`}
  </section>`;
}

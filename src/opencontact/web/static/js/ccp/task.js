// Create task (from after contact work): a task for an agent or a queue, chosen through one of
// their quick connects — as in Amazon Connect, a task needs a quick connect as its destination.
import { html, useState } from "../ui.js";

export function CreateTaskView({ desk, contact, act, close }) {
  const destinations = desk.quickConnects.filter((qc) => qc.type !== "PHONE_NUMBER");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [destination, setDestination] = useState(destinations[0]?.id || "");
  const [problem, setProblem] = useState(null);

  const create = async (event) => {
    event.preventDefault();
    if (!name.trim()) return setProblem("Give the task a name.");
    if (!destination) return setProblem("Choose the quick connect the task goes to.");
    setProblem(null);
    const body = { name: name.trim(), quickConnectId: destination };
    if (description.trim()) body.description = description.trim();
    if (await act("post", `/contacts/${contact.contactId}/tasks`, body)) close("Task created.");
    return null;
  };

  return html`<section class="create-task" aria-labelledby="task-title">
    <div class="spread">
      <h2 id="task-title">Create task</h2>
      <button type="button" class="link" onClick=${() => close()}>Cancel</button>
    </div>
    ${destinations.length === 0
      ? html`<p role="alert" class="message error">
          A task needs a quick connect as its destination, and none of your queues has an agent
          or queue quick connect. Ask your administrator to create one.</p>`
      : html`<form onSubmit=${create} novalidate>
          <label for="task-name">Name</label>
          <input id="task-name" value=${name} maxlength="512" onInput=${(e) => setName(e.target.value)} />
          <label for="task-description">Description</label>
          <textarea id="task-description" rows="3" value=${description}
            onInput=${(e) => setDescription(e.target.value)}></textarea>
          <label for="task-destination">Quick connect</label>
          <select id="task-destination" value=${destination}
            onChange=${(e) => setDestination(e.target.value)}>
            ${destinations.map((qc) => html`<option value=${qc.id} key=${qc.id}>${qc.name}</option>`)}
          </select>
          ${problem && html`<p class="message error" role="alert">${problem}</p>`}
          <div class="row"><button type="submit" class="primary">Create task</button></div>
        </form>`}
  </section>`;
}

// Create task (from after contact work): a task for an agent or a queue, chosen through one of
// their quick connects — as in Amazon Connect, a task needs a quick connect as its destination.
// References (a name and a link) travel with the task to the agent who gets it.
import { html, useState } from "../ui.js";

export function CreateTaskView({ desk, contact, act, close }) {
  const destinations = desk.quickConnects.filter((qc) => qc.type !== "PHONE_NUMBER");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [destination, setDestination] = useState(destinations[0]?.id || "");
  const [references, setReferences] = useState([]);
  const [problem, setProblem] = useState(null);

  const changeReference = (index, change) =>
    setReferences(references.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const addReference = () => {
    setReferences([...references, { name: "", value: "" }]);
    // The new row's name field takes the focus once it is drawn.
    setTimeout(() => document.getElementById(`task-reference-name-${references.length}`)?.focus());
  };
  const removeReference = (index) => setReferences(references.filter((_, i) => i !== index));

  const create = async (event) => {
    event.preventDefault();
    if (!name.trim()) return setProblem("Give the task a name.");
    if (!destination) return setProblem("Choose the quick connect the task goes to.");
    const filled = references.filter((item) => item.name.trim() || item.value.trim());
    if (filled.some((item) => !item.name.trim() || !item.value.trim())) {
      return setProblem("Give each reference both a name and a link, or remove it.");
    }
    setProblem(null);
    const body = { name: name.trim(), quickConnectId: destination };
    if (description.trim()) body.description = description.trim();
    if (filled.length) {
      body.references = filled.map((item) => ({
        name: item.name.trim(),
        value: item.value.trim(),
        type: "URL",
      }));
    }
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
          <fieldset class="task-references">
            <legend>References</legend>
            ${references.map((item, index) => html`<div class="task-reference" key=${index}>
              <label for=${`task-reference-name-${index}`}>Reference ${index + 1} name</label>
              <input id=${`task-reference-name-${index}`} value=${item.name} maxlength="4096"
                onInput=${(e) => changeReference(index, { name: e.target.value })} />
              <label for=${`task-reference-link-${index}`}>Reference ${index + 1} link</label>
              <input id=${`task-reference-link-${index}`} type="url" value=${item.value}
                maxlength="4096" placeholder="https://"
                onInput=${(e) => changeReference(index, { value: e.target.value })} />
              <button type="button" class="link" aria-label=${`Remove reference ${index + 1}`}
                onClick=${() => removeReference(index)}>Remove</button>
            </div>`)}
            ${references.length < 25 &&
            html`<button type="button" class="small" onClick=${addReference}>Add reference</button>`}
          </fieldset>
          ${problem && html`<p class="message error" role="alert">${problem}</p>`}
          <div class="row"><button type="submit" class="primary">Create task</button></div>
        </form>`}
  </section>`;
}

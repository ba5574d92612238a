// The transcript a customer downloads: a plain-text file, one line per message or event, with
// the date and time each happened (in the customer's time zone).
import { itemType, noticeText, senderName } from "./conversation.js";

const two = (number) => String(number).padStart(2, "0");

function stamp(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const date = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  return `${date} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/** The text of the file for the items shown (conversation.shownItems). */
export function transcriptText(items, { contactId, displayName }) {
  const lines = ["Chat transcript", `Contact: ${contactId}`];
  if (displayName) lines.push(`Customer: ${displayName}`);
  lines.push("");
  for (const item of items) {
    const when = `[${stamp(item.AbsoluteTime)}]`;
    if (itemType(item) === "MESSAGE") {
      const text = (item.Content || "").replace(/\r?\n/g, "\n    ");
      const sender =
        item.ParticipantRole === "CUSTOMER" ? item.DisplayName || displayName || "You" : senderName(item);
      lines.push(`${when} ${sender}: ${text}`);
    } else {
      lines.push(`${when} ${noticeText(item)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Hands the file to the browser as a download. */
export function downloadText(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

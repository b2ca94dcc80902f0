// Reads an iCalendar stream on stdin with ical.js (the parser Thunderbird uses) and prints a
// JSON list with, for each VEVENT: uid, start and end as UTC instants, sequence, status,
// summary and organizer (its CN and address). Each VTIMEZONE is registered first: without it ical.js reads TZIDs as floating.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const calendar = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
function organizerOf(component) {
  const property = component.getFirstProperty("organizer");
  return property ? { cn: property.getParameter("cn"), address: property.getFirstValue() } : null;
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    sequence: event.sequence,
    status: component.getFirstPropertyValue("status"),
    summary: event.summary,
    organizer: organizerOf(component),
  };
});
process.stdout.write(JSON.stringify(events));

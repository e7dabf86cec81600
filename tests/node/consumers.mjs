// Independent JavaScript consumers of the ovnnotes exports, run by tests/test_consumers.py.
// Usage: node consumers.mjs SCHEMA.json DOCUMENT.json DOCUMENT.jsonl CALENDAR.ics [CALENDAR.ics...]
// Prints one JSON object with what each consumer found; exits 1 when a consumer refuses an input.
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

const [schemaPath, documentPath, linesPath, ...calendars] = process.argv.slice(2);
const report = { ajv: {}, icaljs: [], nodeical: [] };
let failed = false;

// ajv: its default strict mode, every strict option on, formats checked.
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const validate = ajv.compile(schema);
const document = JSON.parse(fs.readFileSync(documentPath, "utf8"));
report.ajv.document = validate(document) ? "valid" : validate.errors;
const meeting = ajv.getSchema(`${schema.$id}#/$defs/Meeting`);
const lines = fs.readFileSync(linesPath, "utf8").split("\n").filter((line) => line);
const bad = lines.filter((line) => !meeting(JSON.parse(line)));
report.ajv.jsonl = { lines: lines.length, invalid: bad.length };
report.ajv.minimal = validate({ generator: { name: "x", version: "1" } }) ? "valid" : "invalid";
failed ||= report.ajv.document !== "valid" || bad.length > 0;

for (const path of calendars) {
  const text = fs.readFileSync(path, "utf8");
  // ical.js (Mozilla): parse, then read every component through its typed accessors.
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const events = root.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  const todos = root.getAllSubcomponents("vtodo");
  report.icaljs.push({
    path,
    events: events.length,
    todos: todos.length,
    uids: [...events.map((e) => e.uid), ...todos.map((t) => t.getFirstPropertyValue("uid"))],
    starts: events.map((e) => e.startDate.toString()),
    utcStarts: events.map((e) => (e.startDate.isDate ? null : e.startDate.toJSDate().toISOString())),
    refresh: root.getFirstPropertyValue("refresh-interval")?.toString() ?? null,
    attendees: todos.map((t) => t.getAllProperties("attendee").map((p) => [p.getParameter("cn"), p.getFirstValue()])),
  });
  // node-ical: its synchronous parser.
  const parsed = nodeIcal.sync.parseICS(text);
  const values = Object.values(parsed);
  report.nodeical.push({
    path,
    events: values.filter((v) => v.type === "VEVENT").length,
    todos: values.filter((v) => v.type === "VTODO").length,
    uids: values.filter((v) => v.type === "VEVENT" || v.type === "VTODO").map((v) => v.uid),
  });
}
console.log(JSON.stringify(report));
process.exit(failed ? 1 : 0);

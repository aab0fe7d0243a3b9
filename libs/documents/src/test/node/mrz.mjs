// Parses MRZs with npm mrz (the reference), for MrzCrossCheckTest: stdin is a JSON array of line arrays; stdout one
// result per MRZ: the format, the fields, and each check digit's validity as that library sees it.
import { pathToFileURL } from 'node:url';

const { parse } = await import(pathToFileURL(process.env.NODE_MODULES + '/mrz/lib/index.js').href);
let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).map((lines) => {
  try {
    const r = parse(lines);
    const checks = {};
    for (const d of r.details) if (d.field && d.field.endsWith('CheckDigit')) checks[d.field] = d.valid;
    return { format: r.format, fields: r.fields, checks };
  } catch (e) {
    return { error: String(e.message || e) };
  }
});
process.stdout.write(JSON.stringify(results));

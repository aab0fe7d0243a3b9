// Parses AAMVA payloads with npm parse-usdl (the reference), for AamvaCrossCheckTest: stdin is a JSON array of
// payload strings; stdout one object of parse-usdl's fields per payload (or {error}).
const { parse } = require('parse-usdl');
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const results = JSON.parse(input).map((payload) => {
    try {
      return parse(payload, { suppressErrors: true });
    } catch (e) {
      return { error: String(e.message || e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
